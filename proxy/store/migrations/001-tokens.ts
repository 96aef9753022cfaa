import type { Migration } from './index'

export const m001Tokens: Migration = {
  version: 1,
  name: 'tokens and settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE tokens (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        role         TEXT NOT NULL CHECK (role IN ('admin', 'operator')),
        hash         TEXT NOT NULL UNIQUE,
        created_at   TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at   TEXT
      );
      -- expires_at is NULL for the code printed at first start: it lasts until someone pairs with it.
      CREATE TABLE pairing_codes (
        hash        TEXT PRIMARY KEY,
        role        TEXT NOT NULL CHECK (role IN ('admin', 'operator')),
        first_start INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        expires_at  TEXT,
        used_at     TEXT
      );
    `)
  },
}
