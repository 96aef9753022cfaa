import type { AuditEntry, AuditPage, AuditQuery } from '../../../shared/api/audit'
import type { Logger } from '../../log'
import type { AuditFilter, AuditRecord, AuditRepo, NewAuditRecord } from '../../store/audit-repo'
import { isRetryable } from './retry'

export const DAY_MS = 24 * 60 * 60 * 1000
/** A safety net under the retention setting: however busy the school, the trail stays a few tens of MB. */
export const AUDIT_MAX_ROWS = 200_000

export interface AuditLogDeps {
  repo: AuditRepo
  logger: Logger
  /** days to keep (the setting, else SR_AUDIT_RETENTION_DAYS) */
  retentionDays: () => number
  now?: () => Date
  maxRows?: number
}

export type AuditRecordInput = Omit<NewAuditRecord, 'at'> & { at?: string }

/**
 * The audit trail as the rest of the proxy uses it: the HTTP middleware records each change through it,
 * domain work that ends later (clone jobs) records its end through it. Recording never throws: a full disk
 * must not turn a done change into an error answer, so a failure to record is logged instead.
 */
export class AuditLog {
  private readonly now: () => Date
  private timer: NodeJS.Timeout | undefined
  private readonly listeners: Array<(record: AuditRecord) => void> = []

  constructor(private readonly deps: AuditLogDeps) {
    this.now = deps.now ?? (() => new Date())
  }

  record(input: AuditRecordInput): number | null {
    let id: number
    try {
      id = this.deps.repo.insert({ ...input, at: input.at ?? this.now().toISOString() })
    } catch (error) {
      this.deps.logger.error({ err: error, action: input.action }, 'audit entry could not be stored')
      return null
    }
    const stored = this.listeners.length ? this.deps.repo.get(id) : undefined
    for (const listener of this.listeners) if (stored) listener(stored)
    return id
  }

  /** Called with each entry once stored (e.g. to follow a job that was just started to its end). */
  onRecord(listener: (record: AuditRecord) => void): void {
    this.listeners.push(listener)
  }

  get(id: number): AuditRecord | undefined {
    return this.deps.repo.get(id)
  }

  lastFor(action: string, targetId: string): AuditRecord | undefined {
    return this.deps.repo.lastFor(action, targetId)
  }

  /** What was done to one student (by employeeNo), newest first. */
  historyOf(employeeNo: string, limit = 50): AuditRecord[] {
    return this.deps.repo.forTarget('student', employeeNo, limit)
  }

  list(query: AuditQuery): AuditPage {
    const filter = filterOf(query)
    const offset = (query.page - 1) * query.limit
    return {
      data: this.deps.repo.list(filter, { offset, limit: query.limit }).map(toEntry),
      total: this.deps.repo.count(filter),
      page: query.page,
      limit: query.limit,
      facets: this.deps.repo.facets(),
    }
  }

  /** Every entry the filters match, newest first (for the CSV export). */
  *entries(query: Omit<AuditQuery, 'page' | 'limit'>): Generator<AuditEntry> {
    for (const record of this.deps.repo.iterate(filterOf(query))) yield toEntry(record)
  }

  /** Removes entries older than the retention and beyond the row cap; returns how many went. */
  prune(): number {
    try {
      const cutoff = new Date(this.now().getTime() - this.deps.retentionDays() * DAY_MS).toISOString()
      const old = this.deps.repo.deleteOlderThan(cutoff)
      const over = this.deps.repo.keepNewest(this.deps.maxRows ?? AUDIT_MAX_ROWS)
      if (old + over > 0) this.deps.logger.info({ old, over }, 'audit trail pruned')
      return old + over
    } catch (error) {
      this.deps.logger.error({ err: error }, 'audit trail could not be pruned')
      return 0
    }
  }

  /** Prunes now and then once a day; the timer never keeps the process alive. */
  startPruning(intervalMs = DAY_MS): void {
    this.prune()
    this.stopPruning()
    this.timer = setInterval(() => this.prune(), intervalMs)
    this.timer.unref()
  }

  stopPruning(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }
}

export function toEntry(record: AuditRecord): AuditEntry {
  return {
    id: record.id,
    at: record.at,
    actor: record.actor,
    action: record.action,
    route: record.route,
    target: record.target,
    result: record.result,
    status: record.status,
    error: record.error,
    before: record.before ?? null,
    after: record.after ?? null,
    retryOf: record.retryOf,
    retryable: isRetryable(record),
  }
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/

/** `from`/`to` as stored (UTC ISO); a bare `to` date means the whole of that day. */
export function filterOf(query: Omit<AuditQuery, 'page' | 'limit'>): AuditFilter {
  const iso = (value: string | undefined, endOfDay: boolean) => {
    if (!value) return undefined
    const time = Date.parse(value) + (endOfDay && BARE_DATE.test(value) ? DAY_MS : 0)
    return new Date(time).toISOString()
  }
  return {
    fromIso: iso(query.from, false),
    toIso: iso(query.to, true),
    actor: query.actor || undefined,
    action: query.action || undefined,
    result: query.result,
    q: query.q || undefined,
  }
}
