import { useAuditValues } from './useAuditValues'

/** One field of a change: its name, and both sides as a person reads them. */
export interface ChangeLine {
  field: string
  before: string
  after: string
  changed: boolean
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A change's before and after, field by field in words: for the details table and the CSV alike. */
export function useAuditChangeLines() {
  const words = useAuditValues()

  /** A value as a person reads it: words for known codes, yes/no, lists one item a line, records inline. */
  function shown(value: unknown, field = ''): string {
    if (value === undefined || value === null || value === '') return '—'
    if (typeof value === 'boolean') return value ? '✓' : '✗'
    if (typeof value === 'string') return words.value(field, value)
    if (typeof value === 'number') return String(value)
    if (Array.isArray(value))
      return value.map((item) => (isRecord(item) ? inline(item) : shown(item, field))).join('\n')
    return isRecord(value) ? inline(value) : JSON.stringify(value)
  }

  function inline(record: Record<string, unknown>): string {
    return Object.entries(record)
      .filter(([key]) => words.shownField(key))
      .map(([key, value]) => `${words.field(key)}: ${isRecord(value) ? inline(value) : shown(value, key)}`)
      .join(', ')
  }

  /** One line per field of either side; a field only one side has shows a dash on the other. */
  return function lines(beforeValue: unknown, afterValue: unknown): ChangeLine[] {
    const before = isRecord(beforeValue) ? beforeValue : beforeValue == null ? {} : { value: beforeValue }
    const after = isRecord(afterValue) ? afterValue : afterValue == null ? {} : { value: afterValue }
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(words.shownField)
    return fields.map((field) => {
      const was = shown(before[field], field)
      const now = shown(after[field], field)
      return { field: words.field(field), before: was, after: now, changed: was !== now }
    })
  }
}
