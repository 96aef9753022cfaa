import type { Statement } from 'better-sqlite3'
import type { Db } from './db'

export type OutboxState = 'pending' | 'delivered' | 'failed'

/** A backend report as written: what it is and where its ids come from. `payload` is a JSON value. */
export interface NewOutboxRow {
  id: string
  kind: string
  groupKey: string
  payload: unknown
  dependsOn: string | null
  idempotencyKey: string
  createdAt: string
  /** the screen whose own school-server account sends this report; null: the proxy's shared account */
  account?: string | null
}

/** One backend report as stored, with its delivery so far. `result` is a JSON value; times are ISO strings. */
export interface OutboxRow extends Required<NewOutboxRow> {
  seq: number
  state: OutboxState
  attempts: number
  nextAttemptAt: string
  lastAttemptAt: string | null
  lastError: string | null
  lastErrorCode: string | null
  deliveredAt: string | null
  result: unknown
}

function columns(payload = 'payload'): string {
  return `seq, id, kind, group_key AS groupKey, ${payload} AS payload, depends_on AS dependsOn,
    idempotency_key AS idempotencyKey, state, attempts, next_attempt_at AS nextAttemptAt,
    last_attempt_at AS lastAttemptAt, last_error AS lastError, last_error_code AS lastErrorCode,
    created_at AS createdAt, delivered_at AS deliveredAt, result, account`
}
const COLUMNS = columns()

/**
 * Pending reports that are the oldest undelivered one of their group: the only one of a group that may go
 * out. Reports waiting behind another of their student fail the NOT EXISTS probe at once.
 */
const DUE_HEADS = `FROM outbox o WHERE o.state = 'pending'
  AND o.group_key NOT IN (SELECT value FROM json_each(@skip))
  AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.group_key = o.group_key AND p.seq < o.seq AND p.state != 'delivered')`

type RawRow = Omit<OutboxRow, 'payload' | 'result'> & { payload: string; result: string | null }

function parse(raw: RawRow): OutboxRow {
  return {
    ...raw,
    payload: JSON.parse(raw.payload),
    result: raw.result === null ? null : JSON.parse(raw.result),
  }
}

export class OutboxRepo {
  // The sender asks the same few questions for every report; preparing each once keeps it cheap.
  private readonly statements = new Map<string, Statement>()

  constructor(private readonly db: Db) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  insert(row: NewOutboxRow): void {
    this.sql(
      `INSERT INTO outbox (id, kind, group_key, payload, depends_on, idempotency_key, state, attempts,
           next_attempt_at, created_at, account)
         VALUES (@id, @kind, @groupKey, @payload, @dependsOn, @idempotencyKey, 'pending', 0, @createdAt, @createdAt,
           @account)`,
    ).run({ ...row, payload: JSON.stringify(row.payload), account: row.account ?? null })
  }

  get(id: string): OutboxRow | undefined {
    const raw = this.sql(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as RawRow | undefined
    return raw && parse(raw)
  }

  findByIdempotencyKey(key: string): OutboxRow | undefined {
    const raw = this.sql(`SELECT ${COLUMNS} FROM outbox WHERE idempotency_key = ?`).get(key) as
      RawRow | undefined
    return raw && parse(raw)
  }

  /**
   * Group heads that are pending and due at `now`, oldest first, skipping the given groups. Walking the
   * pending reports in order finds the heads among the first few, however many reports wait behind them.
   */
  dueHeads(now: string, limit: number, skipGroups: readonly string[] = []): OutboxRow[] {
    const rows = this.sql(
      `SELECT ${COLUMNS} ${DUE_HEADS} AND o.next_attempt_at <= @now ORDER BY o.seq LIMIT @limit`,
    ).all({ now, limit, skip: JSON.stringify(skipGroups) }) as RawRow[]
    return rows.map(parse)
  }

  /** When the earliest pending group head becomes due, or null when nothing is waiting to be sent. */
  nextDueAt(skipGroups: readonly string[] = []): string | null {
    const row = this.sql(
      `SELECT o.next_attempt_at AS at ${DUE_HEADS} ORDER BY o.next_attempt_at, o.seq LIMIT 1`,
    ).get({ skip: JSON.stringify(skipGroups) }) as { at: string } | undefined
    return row?.at ?? null
  }

  /** The head of one group (its oldest undelivered report), if the group has anything left to send. */
  groupHead(groupKey: string): OutboxRow | undefined {
    const raw = this.sql(
      `SELECT ${COLUMNS} FROM outbox WHERE group_key = ? AND state != 'delivered' ORDER BY seq LIMIT 1`,
    ).get(groupKey) as RawRow | undefined
    return raw && parse(raw)
  }

  /** The newest report of a kind in a group, e.g. the provision a registration answer is waiting for. */
  latestOfKind(groupKey: string, kind: string): OutboxRow | undefined {
    const raw = this.sql(
      `SELECT ${COLUMNS} FROM outbox WHERE group_key = ? AND kind = ? ORDER BY seq DESC LIMIT 1`,
    ).get(groupKey, kind) as RawRow | undefined
    return raw && parse(raw)
  }

  /** The newest report of a group the backend refused for good. */
  latestFailed(groupKey: string): OutboxRow | undefined {
    const raw = this.sql(
      `SELECT ${COLUMNS} FROM outbox WHERE group_key = ? AND state = 'failed' ORDER BY seq DESC LIMIT 1`,
    ).get(groupKey) as RawRow | undefined
    return raw && parse(raw)
  }

  /** Every report not delivered yet, in order, with the JSON paths in `strip` removed from the payload. */

  listUndelivered(strip: readonly string[]): OutboxRow[] {
    const payload =
      strip.length === 0 ? 'payload' : `json_remove(payload, ${strip.map(() => '?').join(', ')})`
    const rows = this.sql(
      `SELECT ${columns(payload)} FROM outbox WHERE state != 'delivered' ORDER BY seq`,
    ).all(...strip) as RawRow[]
    return rows.map(parse)
  }

  countByState(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, delivered: 0, failed: 0 }
    const rows = this.sql('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
      state: OutboxState
      n: number
    }[]
    for (const row of rows) counts[row.state] = row.n
    return counts
  }

  /** Written before the request leaves, so a crash mid-send still counts the attempt and backs off. */
  markAttempt(id: string, attempts: number, at: string, nextAttemptAt: string): void {
    this.sql(
      `UPDATE outbox SET attempts = ?, last_attempt_at = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'`,
    ).run(attempts, at, nextAttemptAt, id)
  }

  markDelivered(id: string, result: unknown, at: string): void {
    this.sql(
      `UPDATE outbox SET state = 'delivered', delivered_at = ?, result = ?, last_error = NULL,
           last_error_code = NULL WHERE id = ?`,
    ).run(at, JSON.stringify(result ?? null), id)
  }

  markRetry(id: string, error: { code: string; message: string }, nextAttemptAt: string): void {
    this.sql(
      `UPDATE outbox SET last_error = ?, last_error_code = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'`,
    ).run(error.message, error.code, nextAttemptAt, id)
  }

  markFailed(id: string, error: { code: string; message: string }): void {
    this.sql(`UPDATE outbox SET state = 'failed', last_error = ?, last_error_code = ? WHERE id = ?`).run(
      error.message,
      error.code,
      id,
    )
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
    this.sql(`UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`).run(
      now,
      now,
    )
    return this.countByState().pending
  }

  /** A screen signed in again: its waiting reports are due now. */
  makeAccountDue(account: string, now: string): void {
    this.sql(`UPDATE outbox SET next_attempt_at = ? WHERE account = ? AND state = 'pending'`).run(
      now,
      account,
    )
  }

  /** A screen signed out (or was unpaired): its waiting reports go with the shared account, now. */
  moveToShared(account: string, now: string): void {
    this.sql(
      `UPDATE outbox SET account = NULL, next_attempt_at = ? WHERE account = ? AND state = 'pending'`,
    ).run(now, account)
  }

  /** How many reports of a screen's own account wait to be sent. */
  pendingOf(account: string): number {
    const row = this.sql(`SELECT count(*) AS n FROM outbox WHERE account = ? AND state = 'pending'`).get(
      account,
    ) as { n: number }
    return row.n
  }
}
