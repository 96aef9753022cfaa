import type { Migration } from './index'

/**
 * The audit trail: one row per change made through the proxy (or finished later by a job).
 * `before_json`/`after_json` hold snapshots already cut down to allowed fields; `search_text` is the
 * lower-cased words a search looks in, so a search is one LIKE over one column.
 */
export const m006Audit: Migration = {
  version: 6,
  name: 'audit trail',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        at             TEXT NOT NULL,
        actor_name     TEXT NOT NULL,
        actor_role     TEXT NOT NULL,
        actor_token_id TEXT,
        action         TEXT NOT NULL,
        route          TEXT,
        target_type    TEXT,
        target_id      TEXT,
        target_label   TEXT,
        result         TEXT NOT NULL CHECK (result IN ('ok', 'failed')),
        status         INTEGER,
        error_code     TEXT,
        error_message  TEXT,
        before_json    TEXT,
        after_json     TEXT,
        input_json     TEXT,
        retry_of       INTEGER,
        search_text    TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_action ON audit_log (action, at);
      CREATE INDEX audit_log_actor ON audit_log (actor_name);
      CREATE INDEX audit_log_retry_of ON audit_log (retry_of) WHERE retry_of IS NOT NULL;
    `)
  },
}
