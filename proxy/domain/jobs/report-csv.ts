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
  return '\uFEFF' + [HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
