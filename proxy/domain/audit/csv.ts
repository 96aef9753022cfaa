import type { AuditEntry } from '../../../shared/api/audit'

const HEADER = [
  'id',
  'time',
  'actor',
  'role',
  'action',
  'targetType',
  'targetId',
  'target',
  'result',
  'errorCode',
  'errorMessage',
  'before',
  'after',
  'retryOf',
]

/** The CSV's first bytes: a byte-order mark so Excel reads Uzbek and Cyrillic names as UTF-8. */
export const CSV_BOM = '\uFEFF'

export function auditCsvHeader(): string {
  return CSV_BOM + line(HEADER)
}

export function auditCsvLine(entry: AuditEntry): string {
  return line([
    String(entry.id),
    entry.at,
    entry.actor.name,
    entry.actor.role,
    entry.action,
    entry.target?.type ?? '',
    entry.target?.id ?? '',
    entry.target?.label ?? '',
    entry.result,
    entry.error?.code ?? '',
    entry.error?.message ?? '',
    entry.before === null ? '' : JSON.stringify(entry.before),
    entry.after === null ? '' : JSON.stringify(entry.after),
    entry.retryOf === null ? '' : String(entry.retryOf),
  ])
}

function line(cells: readonly string[]): string {
  return cells.map(cell).join(',') + '\r\n'
}

/** A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe. */
export function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
