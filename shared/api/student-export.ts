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

/**
 * Rows as CSV a spreadsheet opens safely: UTF-8 with a byte-order mark (so Excel shows Uzbek ʻ letters and
 * Cyrillic names right), `,` between cells and CRLF lines (what Excel and LibreOffice read without asking),
 * and a cell that would start a formula (= + - @, tab, CR) prefixed with `'` so it stays text.
 */
export function spreadsheetCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
