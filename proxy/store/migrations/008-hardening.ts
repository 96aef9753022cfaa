import type { Migration } from './index'

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
    db.exec(`
      CREATE TABLE audit_log_new (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        at             TEXT NOT NULL,
        actor_name     TEXT NOT NULL,
        actor_role     TEXT NOT NULL,
        actor_token_id TEXT,
        actor_claimed  INTEGER NOT NULL DEFAULT 0,
        action         TEXT NOT NULL,
        route          TEXT,
        target_type    TEXT,
        target_id      TEXT,
        target_label   TEXT,
        result         TEXT NOT NULL CHECK (result IN ('ok', 'failed', 'refused')),
        status         INTEGER,
        error_code     TEXT,
        error_message  TEXT,
        before_json    TEXT,
        after_json     TEXT,
        input_json     TEXT,
        retry_of       INTEGER,
        search_text    TEXT NOT NULL DEFAULT ''
      );
      INSERT INTO audit_log_new (id, at, actor_name, actor_role, actor_token_id, action, route, target_type,
        target_id, target_label, result, status, error_code, error_message, before_json, after_json, input_json,
        retry_of, search_text)
      SELECT id, at, actor_name, actor_role, actor_token_id, action, route, target_type, target_id, target_label,
        result, status, error_code, error_message, before_json, after_json, input_json, retry_of, search_text
      FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_new RENAME TO audit_log;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_action ON audit_log (action, at);
      CREATE INDEX audit_log_actor ON audit_log (actor_name);
      CREATE INDEX audit_log_retry_of ON audit_log (retry_of) WHERE retry_of IS NOT NULL;

      ALTER TABLE tokens ADD COLUMN name_claimed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE devices ADD COLUMN allow_basic INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE devices ADD COLUMN login_refused_at TEXT;
      ALTER TABLE devices ADD COLUMN locked_until TEXT;
    `)
  },
}
