import type { Db } from './db'

export type RelayState = 'waiting' | 'delivered' | 'refused' | 'skipped'
export type RelaySource = 'push' | 'search'

/** What an event row holds, whoever reads or writes it. */
interface RelayEventFields {
  terminal: string
  serialNo: number
  deviceId: string
  direction: 'in' | 'out'
  eventTime: string
  eventMs: number
  employeeNo: string | null
  body: string
  picture: string | null
}

export interface NewRelayEvent extends RelayEventFields {
  major: number
  minor: number
  pictureBytes: number
  source: RelaySource
  state: 'waiting' | 'skipped'
  receivedAt: string
}

export interface RelayEventRow extends RelayEventFields {
  seq: number
  attempts: number
  state: RelayState
}

export interface RelayTerminalRow {
  deviceId: string
  terminal: string
  contiguousSerial: number | null
  maxSerial: number | null
  watermarkMs: number
  lastSeenAt: string | null
  lastEventAt: string | null
  lastReconciledAt: string | null
  reconcileError: string | null
}

export interface RefusedEvent {
  serialNo: number
  eventTime: string
  employeeNo: string | null
  code: string | null
  reason: string | null
}

export interface DeviceRelayCounts {
  deviceId: string
  waiting: number
  oldestWaiting: string | null
  lastEventTime: string | null
  delivered: number
  refused: number
}

const EVENT_COLUMNS = `seq, terminal, serial_no AS serialNo, device_id AS deviceId, direction, event_time AS eventTime,
  event_ms AS eventMs, employee_no AS employeeNo, body, picture, attempts, state`

const TERMINAL_COLUMNS = `device_id AS deviceId, terminal, contiguous_serial AS contiguousSerial,
  max_serial AS maxSerial, watermark_ms AS watermarkMs, last_seen_at AS lastSeenAt,
  last_event_at AS lastEventAt, last_reconciled_at AS lastReconciledAt, reconcile_error AS reconcileError`

/** The relay's events and, per terminal, how far its log is known: `relay_events`, `relay_terminals`. */
export class EventsRepo {
  constructor(private readonly db: Db) {}

  /** Stores an event unless the terminal's serialNo is already there; true when it is new. */
  insert(event: NewRelayEvent): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO relay_events (terminal, serial_no, device_id, direction, event_time, event_ms, major, minor,
           employee_no, body, picture, picture_bytes, source, state, received_at)
         VALUES (@terminal, @serialNo, @deviceId, @direction, @eventTime, @eventMs, @major, @minor,
           @employeeNo, @body, @picture, @pictureBytes, @source, @state, @receivedAt)
         ON CONFLICT (terminal, serial_no) DO NOTHING`,
      )
      .run(event)
    return result.changes === 1
  }

  has(terminal: string, serialNo: number): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM relay_events WHERE terminal = ? AND serial_no = ?')
        .get(terminal, serialNo) !== undefined
    )
  }

  terminal(deviceId: string): RelayTerminalRow | undefined {
    return this.db
      .prepare(`SELECT ${TERMINAL_COLUMNS} FROM relay_terminals WHERE device_id = ?`)
      .get(deviceId) as RelayTerminalRow | undefined
  }

  terminals(): RelayTerminalRow[] {
    return this.db.prepare(`SELECT ${TERMINAL_COLUMNS} FROM relay_terminals`).all() as RelayTerminalRow[]
  }

  /** Creates the terminal's row when missing, and keeps its serial (the event key) current. */
  ensureTerminal(deviceId: string, terminal: string): RelayTerminalRow {
    this.db
      .prepare(
        `INSERT INTO relay_terminals (device_id, terminal) VALUES (?, ?)
         ON CONFLICT (device_id) DO UPDATE SET terminal = excluded.terminal`,
      )
      .run(deviceId, terminal)
    return this.terminal(deviceId) as RelayTerminalRow
  }

  updateTerminal(deviceId: string, patch: Partial<Omit<RelayTerminalRow, 'deviceId' | 'terminal'>>): void {
    const columns: Record<string, string> = {
      contiguousSerial: 'contiguous_serial',
      maxSerial: 'max_serial',
      watermarkMs: 'watermark_ms',
      lastSeenAt: 'last_seen_at',
      lastEventAt: 'last_event_at',
      lastReconciledAt: 'last_reconciled_at',
      reconcileError: 'reconcile_error',
    }
    const keys = Object.keys(patch).filter((key) => key in columns)
    if (keys.length === 0) return
    const set = keys.map((key) => `${columns[key]} = @${key}`).join(', ')
    this.db
      .prepare(`UPDATE relay_terminals SET ${set} WHERE device_id = @deviceId`)
      .run({ ...patch, deviceId })
  }

  /** Serial numbers stored above `after`, ascending, with their instants: how a gap-free run is followed. */
  serialsAbove(terminal: string, after: number, limit: number): Array<{ serialNo: number; eventMs: number }> {
    return this.db
      .prepare(
        `SELECT serial_no AS serialNo, event_ms AS eventMs FROM relay_events
         WHERE terminal = ? AND serial_no > ? ORDER BY serial_no LIMIT ?`,
      )
      .all(terminal, after, limit) as Array<{ serialNo: number; eventMs: number }>
  }

  maxSerial(terminal: string): { serialNo: number; eventMs: number } | undefined {
    return this.db
      .prepare(
        `SELECT serial_no AS serialNo, event_ms AS eventMs FROM relay_events
         WHERE terminal = ? ORDER BY serial_no DESC LIMIT 1`,
      )
      .get(terminal) as { serialNo: number; eventMs: number } | undefined
  }

  /** The waiting events in the order the school server must get them: by instant, then arrival. */
  oldestWaiting(limit: number): RelayEventRow[] {
    return this.db
      .prepare(
        `SELECT ${EVENT_COLUMNS} FROM relay_events WHERE state = 'waiting' ORDER BY event_ms, seq LIMIT ?`,
      )
      .all(limit) as RelayEventRow[]
  }

  markAttempt(seq: number): void {
    this.db.prepare('UPDATE relay_events SET attempts = attempts + 1 WHERE seq = ?').run(seq)
  }

  markDelivered(seq: number, at: string, note: string | null): void {
    this.db
      .prepare(
        `UPDATE relay_events SET state = 'delivered', delivered_at = ?, last_error = ?, last_error_code = NULL
         WHERE seq = ?`,
      )
      .run(at, note, seq)
  }

  markRetry(seq: number, code: string, message: string): void {
    this.db
      .prepare('UPDATE relay_events SET last_error = ?, last_error_code = ? WHERE seq = ?')
      .run(message, code, seq)
  }

  markRefused(seq: number, code: string, message: string, at: string): void {
    this.db
      .prepare(
        `UPDATE relay_events SET state = 'refused', last_error = ?, last_error_code = ?, delivered_at = ?
         WHERE seq = ?`,
      )
      .run(message, code, at, seq)
  }

  /** A refused event goes back in line (after the cause was fixed, e.g. the school's secret). */
  requeueRefused(deviceId?: string): number {
    const where = deviceId ? 'AND device_id = ?' : ''
    const args = deviceId ? [deviceId] : []
    return this.db
      .prepare(`UPDATE relay_events SET state = 'waiting', attempts = 0 WHERE state = 'refused' ${where}`)
      .run(...args).changes
  }

  countsByDevice(): DeviceRelayCounts[] {
    return this.db
      .prepare(
        `SELECT device_id AS deviceId,
           SUM(state = 'waiting') AS waiting,
           MIN(CASE WHEN state = 'waiting' THEN event_time END) AS oldestWaiting,
           SUM(state = 'delivered') AS delivered,
           SUM(state = 'refused') AS refused,
           (SELECT e.event_time FROM relay_events e WHERE e.device_id = r.device_id
              ORDER BY e.event_ms DESC LIMIT 1) AS lastEventTime
         FROM relay_events r GROUP BY device_id`,
      )
      .all() as DeviceRelayCounts[]
  }

  /** The device's events the school server refused for good, newest first, with the reason. */
  refused(deviceId: string, limit: number): RefusedEvent[] {
    return this.db
      .prepare(
        `SELECT serial_no AS serialNo, event_time AS eventTime, employee_no AS employeeNo,
           last_error_code AS code, last_error AS reason
         FROM relay_events WHERE device_id = ? AND state = 'refused' ORDER BY event_ms DESC LIMIT ?`,
      )
      .all(deviceId, limit) as RefusedEvent[]
  }

  /** Events per hour with instants in [fromMs, toMs), by the hour index from `fromMs`. */
  perHour(fromMs: number, toMs: number): Array<{ hour: number; count: number }> {
    return this.db
      .prepare(
        `SELECT CAST((event_ms - @fromMs) / 3600000 AS INTEGER) AS hour, COUNT(*) AS count FROM relay_events
         WHERE event_ms >= @fromMs AND event_ms < @toMs AND state != 'skipped' GROUP BY hour ORDER BY hour`,
      )
      .all({ fromMs, toMs }) as Array<{ hour: number; count: number }>
  }

  pictureBytes(): number {
    const row = this.db
      .prepare('SELECT COALESCE(SUM(picture_bytes), 0) AS total FROM relay_events WHERE picture IS NOT NULL')
      .get() as { total: number }
    return row.total
  }

  /**
   * Pictures to drop to get back under the bound: those already relayed first (oldest first), then the
   * waiting ones (oldest first): a late event without its capture still counts, a lost event does not.
   */
  picturesToDrop(limit: number): Array<{ seq: number; picture: string; bytes: number }> {
    return this.db
      .prepare(
        `SELECT seq, picture, picture_bytes AS bytes FROM relay_events WHERE picture IS NOT NULL
         ORDER BY (state = 'waiting'), seq LIMIT ?`,
      )
      .all(limit) as Array<{ seq: number; picture: string; bytes: number }>
  }

  forgetPicture(seq: number): void {
    this.db.prepare('UPDATE relay_events SET picture = NULL, picture_bytes = 0 WHERE seq = ?').run(seq)
  }

  /** Keeps at most `keep` finished events (delivered, skipped), dropping the oldest; returns those that went. */
  pruneFinished(keep: number): Array<{ picture: string | null }> {
    const doomed = this.db
      .prepare(
        `SELECT seq, picture FROM relay_events WHERE state IN ('delivered', 'skipped')
         ORDER BY seq DESC LIMIT -1 OFFSET ?`,
      )
      .all(keep) as Array<{ seq: number; picture: string | null }>
    if (doomed.length === 0) return []
    const remove = this.db.prepare('DELETE FROM relay_events WHERE seq = ?')
    this.db.transaction(() => doomed.forEach((row) => remove.run(row.seq)))()
    return doomed
  }

  waitingCount(): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM relay_events WHERE state = 'waiting'`).get() as { n: number }
    ).n
  }
}
