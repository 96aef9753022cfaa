import type { Db } from './db'

export type OutboxState = 'pending' | 'delivered' | 'failed'

/** One backend report as stored. `payload` and `result` are JSON values; times are ISO strings. */
export interface OutboxRow {
  seq: number
  id: string
  kind: string
  groupKey: string
  payload: unknown
  dependsOn: string | null
  idempotencyKey: string
  state: OutboxState
  attempts: number
  nextAttemptAt: string
  lastAttemptAt: string | null
  lastError: string | null
  lastErrorCode: string | null
  createdAt: string
  deliveredAt: string | null
  result: unknown
}

export interface NewOutboxRow {
  id: string
  kind: string
  groupKey: string
  payload: unknown
  dependsOn: string | null
  idempotencyKey: string
  createdAt: string
}

function columns(payload = 'payload'): string {
  return `seq, id, kind, group_key AS groupKey, ${payload} AS payload, depends_on AS dependsOn,
    idempotency_key AS idempotencyKey, state, attempts, next_attempt_at AS nextAttemptAt,
    last_attempt_at AS lastAttemptAt, last_error AS lastError, last_error_code AS lastErrorCode,
    created_at AS createdAt, delivered_at AS deliveredAt, result`
}
const COLUMNS = columns()

/** The oldest report of every group that is not delivered yet: the only one of its group that may go out. */
const HEADS = `SELECT o.* FROM outbox o
  JOIN (SELECT group_key, MIN(seq) AS seq FROM outbox WHERE state != 'delivered' GROUP BY group_key) h
    ON h.seq = o.seq`

type RawRow = Omit<OutboxRow, 'payload' | 'result'> & { payload: string; result: string | null }

function parse(raw: RawRow): OutboxRow {
  return {
    ...raw,
    payload: JSON.parse(raw.payload),
    result: raw.result === null ? null : JSON.parse(raw.result),
  }
}

export class OutboxRepo {
  constructor(private readonly db: Db) {}

  insert(row: NewOutboxRow): void {
    this.db
      .prepare(
        `INSERT INTO outbox (id, kind, group_key, payload, depends_on, idempotency_key, state, attempts,
           next_attempt_at, created_at)
         VALUES (@id, @kind, @groupKey, @payload, @dependsOn, @idempotencyKey, 'pending', 0, @createdAt, @createdAt)`,
      )
      .run({ ...row, payload: JSON.stringify(row.payload) })
  }

  get(id: string): OutboxRow | undefined {
    const raw = this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as RawRow | undefined
    return raw && parse(raw)
  }

  findByIdempotencyKey(key: string): OutboxRow | undefined {
    const raw = this.db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE idempotency_key = ?`).get(key) as
      RawRow | undefined
    return raw && parse(raw)
  }

  /** Group heads that are pending and due at `now`, earliest due first, skipping the given groups. */
  dueHeads(now: string, limit: number, skipGroups: readonly string[] = []): OutboxRow[] {
    const skip = JSON.stringify(skipGroups)
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM (${HEADS}) WHERE state = 'pending' AND next_attempt_at <= ?
           AND group_key NOT IN (SELECT value FROM json_each(?))
         ORDER BY next_attempt_at, seq LIMIT ?`,
      )
      .all(now, skip, limit) as RawRow[]
    return rows.map(parse)
  }

  /** When the earliest pending group head becomes due, or null when nothing is waiting to be sent. */
  nextDueAt(skipGroups: readonly string[] = []): string | null {
    const row = this.db
      .prepare(
        `SELECT MIN(next_attempt_at) AS at FROM (${HEADS}) WHERE state = 'pending'
           AND group_key NOT IN (SELECT value FROM json_each(?))`,
      )
      .get(JSON.stringify(skipGroups)) as { at: string | null }
    return row.at
  }

  /** The head of one group (its oldest undelivered report), if the group has anything left to send. */
  groupHead(groupKey: string): OutboxRow | undefined {
    const raw = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM outbox WHERE group_key = ? AND state != 'delivered' ORDER BY seq LIMIT 1`,
      )
      .get(groupKey) as RawRow | undefined
    return raw && parse(raw)
  }

  /** The newest report of a kind in a group, e.g. the provision a registration answer is waiting for. */
  latestOfKind(groupKey: string, kind: string): OutboxRow | undefined {
    const raw = this.db
      .prepare(`SELECT ${COLUMNS} FROM outbox WHERE group_key = ? AND kind = ? ORDER BY seq DESC LIMIT 1`)
      .get(groupKey, kind) as RawRow | undefined
    return raw && parse(raw)
  }

  /** Every report not delivered yet, in order, with the JSON paths in `strip` removed from the payload. */
  listUndelivered(strip: readonly string[]): OutboxRow[] {
    const payload =
      strip.length === 0 ? 'payload' : `json_remove(payload, ${strip.map(() => '?').join(', ')})`
    const rows = this.db
      .prepare(`SELECT ${columns(payload)} FROM outbox WHERE state != 'delivered' ORDER BY seq`)
      .all(...strip) as RawRow[]
    return rows.map(parse)
  }

  countByState(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, delivered: 0, failed: 0 }
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
      state: OutboxState
      n: number
    }[]
    for (const row of rows) counts[row.state] = row.n
    return counts
  }

  /** Written before the request leaves, so a crash mid-send still counts the attempt and backs off. */
  markAttempt(id: string, attempts: number, at: string, nextAttemptAt: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET attempts = ?, last_attempt_at = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'`,
      )
      .run(attempts, at, nextAttemptAt, id)
  }

  markDelivered(id: string, result: unknown, at: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'delivered', delivered_at = ?, result = ?, last_error = NULL,
           last_error_code = NULL WHERE id = ?`,
      )
      .run(at, JSON.stringify(result ?? null), id)
  }

  markRetry(id: string, error: { code: string; message: string }, nextAttemptAt: string): void {
    this.db
      .prepare(
        `UPDATE outbox SET last_error = ?, last_error_code = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'`,
      )
      .run(error.message, error.code, nextAttemptAt, id)
  }

  markFailed(id: string, error: { code: string; message: string }): void {
    this.db
      .prepare(`UPDATE outbox SET state = 'failed', last_error = ?, last_error_code = ? WHERE id = ?`)
      .run(error.message, error.code, id)
  }

  /** A failed report goes back to pending, due now; its attempt count starts over. */
  requeue(id: string, now: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND state != 'delivered'`,
        )
        .run(now, id).changes > 0
    )
  }

  /** Makes every pending report due now (a manual "send now"); returns how many are pending. */
  makePendingDue(now: string): number {
    this.db
      .prepare(`UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`)
      .run(now, now)
    return this.countByState().pending
  }
}
