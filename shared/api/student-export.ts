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

/** A student's state on one device in an export: on it, not (yet) on it, or refused with a reason. */
export const ExportDeviceState = z.enum(['present', 'missing', 'failed'])
export type ExportDeviceState = z.infer<typeof ExportDeviceState>

export { csvCell, spreadsheetCsv } from '../csv'
