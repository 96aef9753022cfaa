import { NO_PHOTO, type JobReportRow } from '../../../shared/api/jobs'
import { spreadsheetCsv } from '../../../shared/csv'
import type { JobText } from './jobText'

/**
 * A copy job's report in the reader's language: a column per fact, the outcome in words, and why a person
 * was not written in the words the screen uses. UTF-8 with a BOM and spreadsheet-safe cells (shared/csv).
 */
export function jobReportCsv(
  rows: readonly JobReportRow[],
  text: JobText,
  reason: (row: JobReportRow) => string,
): string {
  const columns = text.reportColumns
  const header = [columns.employeeNo, columns.studentId, columns.name, columns.outcome, columns.reason]
  return spreadsheetCsv([
    header,
    ...rows.map((row) => [
      row.employeeNo ?? '',
      row.studentId ?? '',
      row.name ?? '',
      // skipped for want of a photo is not "already there"
      row.outcome === 'skipped' && row.code === NO_PHOTO ? text.skippedNoPhoto : text.outcomes[row.outcome],
      reason(row),
    ]),
  ])
}
