import type { Migration } from './index'

export const m002Devices: Migration = {
  version: 2,
  name: 'device registry',
  up(db) {
    db.exec(`
      CREATE TABLE devices (
        id                     TEXT PRIMARY KEY,
        name                   TEXT NOT NULL,
        host                   TEXT NOT NULL,
        port                   INTEGER NOT NULL,
        scheme                 TEXT NOT NULL CHECK (scheme IN ('http', 'https')),
        username               TEXT NOT NULL,
        password_sealed        TEXT NOT NULL,
        credentials_expires_at TEXT NOT NULL,
        device_id              TEXT,
        backend_id             TEXT,
        direction              TEXT CHECK (direction IN ('in', 'out')),
        model                  TEXT,
        firmware               TEXT,
        auth_scheme            TEXT,
        last_seen_at           TEXT,
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL,
        UNIQUE (host, port)
      );
    `)
  },
}
