/**
 * Spreadsheet-safe CSV, for every report the app offers for download. A cell that would start a formula
 * (= + - @, tab, CR) is prefixed with `'` so Excel keeps it as text (CSV injection); quotes, separators and
 * line breaks are quoted, `;` too because Excel in Russian and Uzbek locales splits on it.
 */
export function csvCell(value: string | number): string {
  const text = String(value)
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * Rows as a CSV document: UTF-8 with a byte-order mark (so Excel shows Uzbek ʻ letters and Cyrillic names
 * right), `,` between cells and CRLF lines (what Excel and LibreOffice read without asking).
 */
export function spreadsheetCsv(rows: readonly (readonly (string | number)[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
