import type { Db } from './db'

export interface AuditActor {
  name: string
  role: string
  tokenId: string | null
}

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
  result: 'ok' | 'failed'
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
  result?: 'ok' | 'failed'
  q?: string
}

interface Row {
  id: number
  at: string
  actor_name: string
  actor_role: string
  actor_token_id: string | null
  action: string
  route: string | null
  target_type: string | null
  target_id: string | null
  target_label: string | null
  result: 'ok' | 'failed'
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
        `INSERT INTO audit_log (at, actor_name, actor_role, actor_token_id, action, route, target_type,
          target_id, target_label, result, status, error_code, error_message, before_json, after_json,
          input_json, retry_of, search_text)
         VALUES (@at, @actorName, @actorRole, @actorTokenId, @action, @route, @targetType, @targetId,
          @targetLabel, @result, @status, @errorCode, @errorMessage, @before, @after, @input, @retryOf,
          @searchText)`,
      )
      .run({
        at: record.at,
        actorName: record.actor.name,
        actorRole: record.actor.role,
        actorTokenId: record.actor.tokenId,
        action: record.action,
        route: record.route,
        targetType: record.target?.type ?? null,
        targetId: record.target?.id ?? null,
        targetLabel: record.target?.label ?? null,
        result: record.result,
        status: record.status,
        errorCode: record.error?.code ?? null,
        errorMessage: record.error?.message ?? null,
        before: toJson(record.before),
        after: toJson(record.after),
        input: toJson(record.input),
        retryOf: record.retryOf,
        searchText: searchTextOf(record),
      })
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

function searchTextOf(record: NewAuditRecord): string {
  return [
    record.actor.name,
    record.action,
    record.target?.id,
    record.target?.label,
    record.error?.code,
    record.error?.message,
    toJson(record.before),
    toJson(record.after),
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n')
    .toLowerCase()
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

function fromJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown)
}

function toRecord(row: Row): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    actor: { name: row.actor_name, role: row.actor_role, tokenId: row.actor_token_id },
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
