import type { Db } from './db'
import { cutOrNull, cutText, jsonWithin } from './text-cut'

export interface AuditActor {
  name: string
  role: string
  tokenId: string | null
  /** the name is the caller's own words (a screen named itself while pairing), not one an admin gave */
  claimed?: boolean
  /** the school-server account (e-mail) the screen acted as, when it signed in with its own */
  schoolAccount?: string
}

export type AuditResultKind = 'ok' | 'failed' | 'refused'

/**
 * What one entry may hold at most, whatever a caller sends: every text is cut with a visible mark and a
 * snapshot too long is replaced by a marker, so no request can grow the trail by more than a few KB
 * (the kept import rows of a retry excepted, which are bounded by the import's own schema).
 */
export const AUDIT_CAPS = {
  name: 80,
  word: 100,
  text: 300,
  message: 500,
  snapshot: 16 * 1024,
  input: 512 * 1024,
  search: 4 * 1024,
} as const

/** The characters the text columns of all entries hold together (an estimate of their bytes on disk). */
const ROW_SIZE = `(length(actor_name) + length(action) + coalesce(length(route), 0) +
  coalesce(length(target_id), 0) + coalesce(length(target_label), 0) + coalesce(length(error_message), 0) +
  coalesce(length(before_json), 0) + coalesce(length(after_json), 0) + coalesce(length(input_json), 0) +
  length(search_text) + 64)`

export interface AuditTargetRecord {
  type: string
  id: string | null
  label: string | null
}

/** An entry as written: snapshots already cut down to allowed fields by the caller. */
export interface NewAuditRecord {
  at: string
  actor: AuditActor
  action: string
  route: string | null
  target: AuditTargetRecord | null
  result: AuditResultKind
  status: number | null
  error: { code: string; message: string } | null
  before: unknown
  after: unknown
  /** what a retry needs to repeat the action (ids, never secrets) */
  input: unknown
  retryOf: number | null
}

export interface AuditRecord extends NewAuditRecord {
  id: number
  /** a retry of this entry has succeeded */
  retried: boolean
}

/** Filters over the stored rows; times are ISO strings compared as text (all stored in UTC). */
export interface AuditFilter {
  fromIso?: string
  /** exclusive */
  toIso?: string
  actor?: string
  action?: string
  result?: AuditResultKind
  q?: string
}

interface Row {
  id: number
  at: string
  actor_name: string
  actor_role: string
  actor_token_id: string | null
  actor_claimed: number
  actor_school_account: string | null
  action: string
  route: string | null
  target_type: string | null
  target_id: string | null
  target_label: string | null
  result: AuditResultKind
  status: number | null
  error_code: string | null
  error_message: string | null
  before_json: string | null
  after_json: string | null
  input_json: string | null
  retry_of: number | null
  retried: number
}

const SELECT = `SELECT a.*, EXISTS (SELECT 1 FROM audit_log r WHERE r.retry_of = a.id AND r.result = 'ok')
  AS retried FROM audit_log a`

/** The audit trail table: append, filter, page, prune. */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  insert(record: NewAuditRecord): number {
    const result = this.db
      .prepare(
        `INSERT INTO audit_log (at, actor_name, actor_role, actor_token_id, actor_claimed,
          actor_school_account, action, route, target_type, target_id, target_label, result, status,
          error_code, error_message, before_json, after_json, input_json, retry_of, search_text)
         VALUES (@at, @actorName, @actorRole, @actorTokenId, @actorClaimed, @actorSchoolAccount, @action,
          @route, @targetType, @targetId, @targetLabel, @result, @status, @errorCode, @errorMessage, @before,
          @after, @input, @retryOf, @searchText)`,
      )
      .run(rowOf(record))
    return Number(result.lastInsertRowid)
  }

  get(id: number): AuditRecord | undefined {
    const row = this.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined
    return row && toRecord(row)
  }

  /** The newest entry of an action on a target (e.g. who started a job). */
  lastFor(action: string, targetId: string): AuditRecord | undefined {
    const row = this.db
      .prepare(`${SELECT} WHERE a.action = ? AND a.target_id = ? ORDER BY a.id DESC LIMIT 1`)
      .get(action, targetId) as Row | undefined
    return row && toRecord(row)
  }

  /** The newest entries about one target (a student by employeeNo, a device by id), newest first. */
  forTarget(type: string, targetId: string, limit: number): AuditRecord[] {
    const rows = this.db
      .prepare(`${SELECT} WHERE a.target_type = ? AND a.target_id = ? ORDER BY a.id DESC LIMIT ?`)
      .all(type, targetId, limit) as Row[]
    return rows.map(toRecord)
  }

  /** Newest first. */
  list(filter: AuditFilter, page: { offset: number; limit: number }): AuditRecord[] {
    const { where, params } = whereOf(filter)
    const rows = this.db
      .prepare(`${SELECT} ${where} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, ...page }) as Row[]
    return rows.map(toRecord)
  }

  /**
   * Newest first, a page of rows at a time, for exports that may be long. No statement stays open between
   * pages, so the proxy goes on writing while a slow client downloads.
   */
  *iterate(filter: AuditFilter, pageSize = 1000): Generator<AuditRecord> {
    const { where, params } = whereOf(filter)
    const below = where ? `${where} AND a.id < @below` : 'WHERE a.id < @below'
    const statement = this.db.prepare(`${SELECT} ${below} ORDER BY a.id DESC LIMIT @pageSize`)
    let last = Number.MAX_SAFE_INTEGER
    for (;;) {
      const rows = statement.all({ ...params, below: last, pageSize }) as Row[]
      for (const row of rows) yield toRecord(row)
      if (rows.length < pageSize) return
      last = (rows.at(-1) as Row).id
    }
  }

  count(filter: AuditFilter): number {
    const { where, params } = whereOf(filter)
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM audit_log a ${where}`).get(params) as { n: number }
    return row.n
  }

  facets(): { actions: string[]; actors: string[] } {
    const actions = this.db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all()
    const actors = this.db
      .prepare('SELECT DISTINCT actor_name FROM audit_log ORDER BY actor_name')
      .pluck()
      .all()
    return { actions: actions as string[], actors: actors as string[] }
  }

  /** Adds `count` to a counting entry's `after.count` (requests refused too fast to record each). */
  addToCount(id: number, count: number): void {
    this.db
      .prepare(
        `UPDATE audit_log SET after_json = json_set(coalesce(after_json, '{}'), '$.count',
          coalesce(json_extract(after_json, '$.count'), 0) + ?) WHERE id = ?`,
      )
      .run(count, id)
  }

  /** The newest counting entry of an action since `sinceIso` (one row per hour, however many requests). */
  countingEntrySince(action: string, sinceIso: string): number | undefined {
    return this.db
      .prepare(
        `SELECT id FROM audit_log WHERE action = ? AND at >= ? AND error_code = 'rate_limited'
          ORDER BY id DESC LIMIT 1`,
      )
      .pluck()
      .get(action, sinceIso) as number | undefined
  }

  /** About how many bytes the entries hold (their texts). */
  bytes(): number {
    return this.db.prepare(`SELECT coalesce(sum(${ROW_SIZE}), 0) FROM audit_log`).pluck().get() as number
  }

  /** Keeps the newest entries that together hold at most `maxBytes`; returns how many went. */
  keepNewestBytes(maxBytes: number): number {
    const cut = this.db
      .prepare(
        `SELECT id FROM (SELECT id, sum(${ROW_SIZE}) OVER (ORDER BY id DESC) AS running FROM audit_log)
          WHERE running > ? ORDER BY id DESC LIMIT 1`,
      )
      .pluck()
      .get(maxBytes) as number | undefined
    if (cut === undefined) return 0
    return this.db.prepare('DELETE FROM audit_log WHERE id <= ?').run(cut).changes
  }

  /** Removes entries older than `beforeIso`; returns how many went. */
  deleteOlderThan(beforeIso: string): number {
    return this.db.prepare('DELETE FROM audit_log WHERE at < ?').run(beforeIso).changes
  }

  /** Keeps only the newest `maxRows` entries; returns how many went. */
  keepNewest(maxRows: number): number {
    const cut = this.db
      .prepare('SELECT id FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET ?')
      .pluck()
      .get(maxRows) as number | undefined
    if (cut === undefined) return 0
    return this.db.prepare('DELETE FROM audit_log WHERE id <= ?').run(cut).changes
  }
}

function whereOf(filter: AuditFilter): { where: string; params: Record<string, string> } {
  const clauses: string[] = []
  const params: Record<string, string> = {}
  const add = (clause: string, name: string, value: string | undefined) => {
    if (value === undefined || value === '') return
    clauses.push(clause)
    params[name] = value
  }
  add('a.at >= @fromIso', 'fromIso', filter.fromIso)
  add('a.at < @toIso', 'toIso', filter.toIso)
  add('a.actor_name = @actor', 'actor', filter.actor)
  add('a.action = @action', 'action', filter.action)
  add('a.result = @result', 'result', filter.result)
  if (filter.q) add(`a.search_text LIKE @q ESCAPE '\\'`, 'q', `%${escapeLike(filter.q.toLowerCase())}%`)
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
}

/** The row as stored: every text cut to its cap, every snapshot within its size. */
function rowOf(record: NewAuditRecord) {
  return {
    at: record.at,
    actorName: cutText(record.actor.name, AUDIT_CAPS.name),
    actorRole: cutText(record.actor.role, AUDIT_CAPS.word),
    actorTokenId: cutOrNull(record.actor.tokenId, AUDIT_CAPS.word),
    actorClaimed: record.actor.claimed ? 1 : 0,
    actorSchoolAccount: cutOrNull(record.actor.schoolAccount, AUDIT_CAPS.word),
    action: cutText(record.action, AUDIT_CAPS.word),
    route: cutOrNull(record.route, AUDIT_CAPS.text),
    targetType: cutOrNull(record.target?.type, AUDIT_CAPS.word),
    targetId: cutOrNull(record.target?.id, AUDIT_CAPS.text),
    targetLabel: cutOrNull(record.target?.label, AUDIT_CAPS.text),
    result: record.result,
    status: record.status,
    errorCode: cutOrNull(record.error?.code, AUDIT_CAPS.word),
    errorMessage: cutOrNull(record.error?.message, AUDIT_CAPS.message),
    before: jsonWithin(record.before, AUDIT_CAPS.snapshot),
    after: jsonWithin(record.after, AUDIT_CAPS.snapshot),
    input: jsonWithin(record.input, AUDIT_CAPS.input),
    retryOf: record.retryOf,
    searchText: cutText(searchTextOf(record), AUDIT_CAPS.search),
  }
}

function searchTextOf(record: NewAuditRecord): string {
  return [
    record.actor.name,
    record.actor.schoolAccount,
    record.action,
    record.target?.id,
    record.target?.label,
    record.error?.code,
    record.error?.message,
    jsonWithin(record.before, AUDIT_CAPS.snapshot),
    jsonWithin(record.after, AUDIT_CAPS.snapshot),
  ]
    .map((part) => (typeof part === 'string' ? part.slice(0, AUDIT_CAPS.search) : part))
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n')
    .toLowerCase()
}

function fromJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown)
}

function toRecord(row: Row): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    actor: {
      name: row.actor_name,
      role: row.actor_role,
      tokenId: row.actor_token_id,
      ...(row.actor_claimed ? { claimed: true } : {}),
      ...(row.actor_school_account ? { schoolAccount: row.actor_school_account } : {}),
    },
    action: row.action,
    route: row.route,
    target: row.target_type ? { type: row.target_type, id: row.target_id, label: row.target_label } : null,
    result: row.result,
    status: row.status,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    before: fromJson(row.before_json),
    after: fromJson(row.after_json),
    input: fromJson(row.input_json),
    retryOf: row.retry_of,
    retried: row.retried === 1,
  }
}
