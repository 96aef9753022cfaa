/**
 * The text a person sees in an exceljs cell value: rich text joined, a formula's cached result, a hyperlink's
 * label, a number written out in full (a phone typed as a number must not come back as 9.98901E+11).
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberText(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (Array.isArray(record.richText)) {
      return record.richText.map((run) => cellText((run as { text?: unknown }).text)).join('')
    }
    if ('formula' in record || 'sharedFormula' in record) return cellText(record.result)
    if ('hyperlink' in record || 'text' in record) return cellText(record.text)
    // an error value (#N/A, #REF!) says nothing about the student
    if ('error' in record) return ''
  }
  return ''
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return ''
  if (Number.isInteger(value)) return BigInt(value).toString()
  return String(value)
}
