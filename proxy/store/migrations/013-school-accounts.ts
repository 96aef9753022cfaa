import type { Migration } from './index'

/**
 * A screen may sign in to the school server with its own account (a school administrator or a teacher),
 * so the reports it causes go out as that person:
 * - `school_accounts`: one row per screen (its token id; `admin` for SR_ADMIN_TOKEN) with the server's token
 *   sealed like device passwords. The password itself is never stored. `ended` once the server stops
 *   taking the token: the screen is asked to sign in again, and its reports wait.
 * - `outbox.account`: whose reports they are; NULL goes out with the proxy's shared account, as before.
 * - `audit_log.actor_school_account`: the school-server account the screen acted as, beside the screen.
 */
export const m013SchoolAccounts: Migration = {
  version: 13,
  name: 'school-server accounts per screen',
  up(db) {
    db.exec(`
      CREATE TABLE school_accounts (
        screen       TEXT PRIMARY KEY,
        user_id      TEXT NOT NULL,
        email        TEXT NOT NULL,
        name         TEXT NOT NULL,
        role         TEXT NOT NULL,
        token_sealed TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('active', 'ended')),
        signed_in_at TEXT NOT NULL,
        ended_at     TEXT
      );
      ALTER TABLE outbox ADD COLUMN account TEXT;
      CREATE INDEX outbox_account ON outbox (account, seq) WHERE account IS NOT NULL AND state = 'pending';
      ALTER TABLE audit_log ADD COLUMN actor_school_account TEXT;
    `)
  },
}
