import type { Migration } from './index'

export const m009RelayEvents: Migration = {
  version: 9,
  name: 'attendance events relayed to the school server',
  up(db) {
    // One row per event a terminal recorded, keyed by the terminal (its serial) and the terminal's own
    // monotonic serialNo, so a repeated push or a search that finds it again is a no-op. `event_ms` is the
    // event's instant (UTC), the order the school server must see events in across terminals; the partial
    // index keeps "the oldest waiting event" cheap however long the history grows.
    // relay_terminals keeps per terminal how far its log is known without a gap (`contiguous_serial`) and
    // up to which instant nothing more can arrive (`watermark_ms`), which survive pruning of old rows.
    db.exec(`
      CREATE TABLE relay_events (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        terminal        TEXT NOT NULL,
        serial_no       INTEGER NOT NULL,
        device_id       TEXT NOT NULL,
        direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        event_time      TEXT NOT NULL,
        event_ms        INTEGER NOT NULL,
        major           INTEGER NOT NULL,
        minor           INTEGER NOT NULL,
        employee_no     TEXT,
        body            TEXT NOT NULL,
        picture         TEXT,
        picture_bytes   INTEGER NOT NULL DEFAULT 0,
        source          TEXT NOT NULL CHECK (source IN ('push', 'search')),
        state           TEXT NOT NULL CHECK (state IN ('waiting', 'delivered', 'refused', 'skipped')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        last_error_code TEXT,
        received_at     TEXT NOT NULL,
        delivered_at    TEXT,
        UNIQUE (terminal, serial_no)
      );
      CREATE INDEX relay_waiting ON relay_events (event_ms, seq) WHERE state = 'waiting';
      CREATE INDEX relay_by_device ON relay_events (device_id, state);
      CREATE INDEX relay_received ON relay_events (received_at);
      CREATE INDEX relay_pictures ON relay_events (seq) WHERE picture IS NOT NULL;
      CREATE TABLE relay_terminals (
        device_id          TEXT PRIMARY KEY,
        terminal           TEXT NOT NULL,
        contiguous_serial  INTEGER,
        max_serial         INTEGER,
        watermark_ms       INTEGER NOT NULL DEFAULT 0,
        last_seen_at       TEXT,
        last_event_at      TEXT,
        last_reconciled_at TEXT,
        reconcile_error    TEXT
      );
    `)
  },
}
