import type { ExportDeviceState } from '../../../shared/api/student-export'
import type { ExportTable } from './export-rows'
import { exportCells, wordsFor, type ExportLanguage } from './export-words'

const FIXED_COLUMNS = 7
const FILL: Record<ExportDeviceState, string | null> = {
  present: null,
  no_face: 'FFFFF4CE',
  missing: 'FFFFF4CE',
  failed: 'FFFDE2E1',
  unknown: 'FFEDEDED',
}

/**
 * The table as an .xlsx workbook: one sheet, a bold frozen header with a filter, one column per device,
 * missing and failed cells tinted. exceljs is loaded here, with the first export, not at proxy start-up.
 */
export async function exportXlsx(table: ExportTable, language: ExportLanguage): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Student Registrator'
  const sheet = workbook.addWorksheet(wordsFor(language).sheet, {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  const cells = exportCells(table, language)
  for (const row of cells) sheet.addRow(row)
  sheet.getRow(1).font = { bold: true }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cells[0]?.length ?? 1 } }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 6 : Math.min(40, Math.max(10, ...cells.map((row) => (row[i] ?? '').length + 2)))
  })
  table.students.forEach((student, s) => {
    table.devices.forEach((device, d) => {
      const fill = FILL[student.devices.get(device.id)?.state ?? 'missing']
      if (!fill) return
      sheet.getRow(s + 2).getCell(FIXED_COLUMNS + d + 1).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: fill },
      }
    })
  })
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
