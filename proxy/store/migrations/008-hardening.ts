import type { Migration } from './index'
import { rebuildTable } from './rebuild-table'

/**
 * Hardening after an attack review:
 * - `audit_log.result` may be `refused` (a request turned down for role, validation or a missing target:
 *   nothing was attempted, so nothing can be retried); SQLite cannot change a CHECK, so the table is rebuilt.
 * - `audit_log.actor_claimed`: the actor's name is the caller's own words (a name a screen gave itself while
 *   pairing), not a name an admin chose; `tokens.name_claimed` says the same of a token until an admin renames it.
 * - `devices.allow_basic`: the admin allowed a Basic login for this device; without it only Digest is sent.
 * - `devices.login_refused_at`, `devices.locked_until`: the device's login budget, kept across restarts: a
 *   refused login blocks further attempts with the same credentials until they change or an admin forces one.
 */
export const m008Hardening: Migration = {
  version: 8,
  name: 'hardening',
  up(db) {
    rebuildTable(db, 'audit_log', [
      ["CHECK (result IN ('ok', 'failed'))", "CHECK (result IN ('ok', 'failed', 'refused'))"],
      ['actor_token_id TEXT,', 'actor_token_id TEXT,\n        actor_claimed  INTEGER NOT NULL DEFAULT 0,'],
    ])
    db.exec(`
      ALTER TABLE tokens ADD COLUMN name_claimed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE devices ADD COLUMN allow_basic INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE devices ADD COLUMN login_refused_at TEXT;
      ALTER TABLE devices ADD COLUMN locked_until TEXT;
    `)
  },
}
