import type { DeviceImportRowResult } from '../../../shared/api/device-import'
import { spreadsheetCsv } from '../students/export-csv'

const HEADER = ['employeeNo', 'name', 'action', 'result', 'studentId', 'code', 'reason']

/** A device import's outcome per person, for a spreadsheet. */
export function deviceImportReportCsv(rows: readonly DeviceImportRowResult[]): string {
  return spreadsheetCsv([
    HEADER,
    ...rows.map((row) => [
      row.employeeNo,
      row.name,
      row.action ?? '',
      row.result,
      row.studentId ?? '',
      row.code ?? '',
      row.reasons.join('; '),
    ]),
  ])
}
