import type { Migration } from './index'

export const m003Outbox: Migration = {
  version: 3,
  name: 'outbox of backend reports',
  up(db) {
    // `seq` orders reports inside a group (one student); `id` is what the API and other reports point at.
    // Partial indexes keep the sender's questions cheap however long the history grows: the pending
    // reports oldest first (outbox_pending), and does an earlier report of the same student still wait
    // (outbox_open).
    db.exec(`
      CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        group_key       TEXT NOT NULL,
        payload         TEXT NOT NULL,
        depends_on      TEXT REFERENCES outbox (id),
        idempotency_key TEXT NOT NULL UNIQUE,
        state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_attempt_at TEXT,
        last_error      TEXT,
        last_error_code TEXT,
        created_at      TEXT NOT NULL,
        delivered_at    TEXT,
        result          TEXT
      );
      CREATE INDEX outbox_open ON outbox (group_key, seq) WHERE state != 'delivered';
      CREATE INDEX outbox_pending ON outbox (seq) WHERE state = 'pending';
    `)
  },
}
