import { z } from 'zod'

/** `GET /api/students/export?format=xlsx|csv&classId=&search=&lang=` */
export const StudentExportQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  search: z.string().trim().max(100).optional(),
  classId: z.string().trim().max(64).optional(),
  /** the language of the header and the state words; Uzbek by default */
  lang: z.enum(['uz', 'ru', 'en']).default('uz'),
})
export type StudentExportQuery = z.infer<typeof StudentExportQuery>

/**
 * A student's state on one device in an export: on it, on it without a face, not (yet) on it, refused with
 * a reason, or not known (no source has seen the student on that terminal).
 */
export const ExportDeviceState = z.enum(['present', 'no_face', 'missing', 'failed', 'unknown'])
export type ExportDeviceState = z.infer<typeof ExportDeviceState>

export { csvCell, spreadsheetCsv } from '../csv'
