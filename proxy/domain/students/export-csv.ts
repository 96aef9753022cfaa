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
