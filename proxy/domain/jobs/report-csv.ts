import { spreadsheetCsv } from '../../../shared/csv'
import type { JobItemRow } from '../../store/jobs-repo'

const HEADER = ['employeeNo', 'studentId', 'name', 'outcome', 'code', 'reason', 'deviceReason']

/**
 * The job's outcome per person as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel shows
 * Uzbek and Cyrillic names right), CRLF lines, and cells that would start a formula defused.
 */
export function jobReportCsv(items: readonly JobItemRow[]): string {
  const rows = items
    .filter((item) => item.state !== 'writing')
    .map((item) => [
      item.employeeNo ?? '',
      item.studentId ?? '',
      item.name ?? '',
      item.state,
      item.error?.code ?? '',
      item.error?.message ?? '',
      item.error?.subStatusCode ?? '',
    ])
  return spreadsheetCsv([HEADER, ...rows])
}
