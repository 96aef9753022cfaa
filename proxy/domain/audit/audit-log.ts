import type { AuditEntry, AuditPage, AuditQuery } from '../../../shared/api/audit'
import type { Logger } from '../../log'
import type { AuditFilter, AuditRecord, AuditRepo, NewAuditRecord } from '../../store/audit-repo'
import { isRetryable } from './retry'

export const DAY_MS = 24 * 60 * 60 * 1000
/** A safety net under the retention setting: however busy the school, the trail stays a few tens of MB. */
export const AUDIT_MAX_ROWS = 200_000
/** …and its texts a few tens of MB whatever they hold, so a flood of long requests cannot fill the disk. */
export const AUDIT_MAX_BYTES = 64 * 1024 * 1024
/** Free space the audit leaves to enrollment: below it, new entries are counted, not stored. */
export const AUDIT_DISK_RESERVE_BYTES = 64 * 1024 * 1024
/** the byte bound is checked after this many new entries (each is at most a few KB, see AUDIT_CAPS) */
const BYTES_CHECK_EVERY = 100
/** free disk space is read at most this often */
const DISK_CHECK_MS = 5_000
const HOUR_MS = 60 * 60 * 1000

export interface AuditLogDeps {
  repo: AuditRepo
  logger: Logger
  /** days to keep (the setting, else SR_AUDIT_RETENTION_DAYS) */
  retentionDays: () => number
  now?: () => Date
  maxRows?: number
  maxBytes?: number
  /** free bytes on the data dir's disk; null when unknown (then only a full-disk error pauses the trail) */
  freeBytes?: () => number | null
  reserveBytes?: number
}

/** Whether the trail is storing, for the Check page: a disk short of space stops the audit, not enrollment. */
export interface AuditHealth {
  paused: boolean
  /** entries not stored since start (disk low or full) */
  dropped: number
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
  private dropped = 0
  private paused = false
  private sinceBytesCheck = 0
  private diskCheckedAt = Number.NEGATIVE_INFINITY
  private diskLow = false

  constructor(private readonly deps: AuditLogDeps) {
    this.now = deps.now ?? (() => new Date())
  }

  record(input: AuditRecordInput): number | null {
    if (this.lowOnDisk()) return this.drop(input.action)
    let id: number
    try {
      id = this.deps.repo.insert({ ...input, at: input.at ?? this.now().toISOString() })
    } catch (error) {
      // A full disk (SQLITE_FULL) or any other store failure: the change itself was done, only its entry
      // is lost; counted and shown on the Check page rather than turned into an error answer.
      this.deps.logger.error({ err: error, action: input.action }, 'audit entry could not be stored')
      return this.drop(input.action)
    }
    this.paused = false
    this.keepWithinBytes()
    const stored = this.listeners.length ? this.deps.repo.get(id) : undefined
    for (const listener of this.listeners) if (stored) listener(stored)
    return id
  }

  /**
   * A request refused as too many (429): counted on one entry per action and hour instead of an entry
   * each, so a flood of refused requests costs one row.
   */
  countRateLimited(input: AuditRecordInput): void {
    const since = new Date(this.now().getTime() - HOUR_MS).toISOString()
    try {
      const counting = this.deps.repo.countingEntrySince(input.action, since)
      if (counting !== undefined) {
        this.deps.repo.addToCount(counting, 1)
        return
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'audit count could not be stored')
      this.drop(input.action)
      return
    }
    this.record({ ...input, before: null, after: { count: 1 }, input: null })
  }

  health(): AuditHealth {
    this.lowOnDisk()
    return { paused: this.paused || this.diskLow, dropped: this.dropped }
  }

  private drop(action: string): null {
    this.dropped += 1
    if (!this.paused) this.deps.logger.warn({ action }, 'audit paused: the disk is (nearly) full')
    this.paused = true
    return null
  }

  private lowOnDisk(): boolean {
    const at = this.now().getTime()
    if (!this.deps.freeBytes || at - this.diskCheckedAt < DISK_CHECK_MS) return this.diskLow
    this.diskCheckedAt = at
    const free = this.deps.freeBytes()
    this.diskLow = free !== null && free < (this.deps.reserveBytes ?? AUDIT_DISK_RESERVE_BYTES)
    return this.diskLow
  }

  private keepWithinBytes(): void {
    this.sinceBytesCheck += 1
    if (this.sinceBytesCheck < BYTES_CHECK_EVERY) return
    this.sinceBytesCheck = 0
    this.pruneBytes()
  }

  private pruneBytes(): number {
    try {
      return this.deps.repo.keepNewestBytes(this.deps.maxBytes ?? AUDIT_MAX_BYTES)
    } catch (error) {
      this.deps.logger.error({ err: error }, 'audit trail could not be pruned')
      return 0
    }
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

  /** Removes entries older than the retention and beyond the row and byte caps; returns how many went. */
  prune(): number {
    try {
      const cutoff = new Date(this.now().getTime() - this.deps.retentionDays() * DAY_MS).toISOString()
      const old = this.deps.repo.deleteOlderThan(cutoff)
      const over = this.deps.repo.keepNewest(this.deps.maxRows ?? AUDIT_MAX_ROWS)
      const big = this.pruneBytes()
      if (old + over + big > 0) this.deps.logger.info({ old, over, big }, 'audit trail pruned')
      return old + over + big
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
