import type { AuditEntry } from '../../../shared/api/audit'
import { csvCell } from '../../../shared/csv'

/** a cell a spreadsheet shows as text (the shared rule for every download) */
export { csvCell as cell } from '../../../shared/csv'

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
  return cells.map(csvCell).join(',') + '\r\n'
}
