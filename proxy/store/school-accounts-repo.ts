import type { Db } from './db'

/** A screen's own school-server account as stored: the server's token stays sealed. */
export interface SchoolAccountRow {
  /** the screen's token id; `admin` for SR_ADMIN_TOKEN */
  screen: string
  userId: string
  email: string
  name: string
  role: string
  tokenSealed: string
  state: 'active' | 'ended'
  signedInAt: string
  endedAt: string | null
}

const SELECT = `SELECT screen, user_id AS userId, email, name, role, token_sealed AS tokenSealed, state,
  signed_in_at AS signedInAt, ended_at AS endedAt FROM school_accounts`

export class SchoolAccountsRepo {
  constructor(private readonly db: Db) {}

  get(screen: string): SchoolAccountRow | undefined {
    return this.db.prepare(`${SELECT} WHERE screen = ?`).get(screen) as SchoolAccountRow | undefined
  }

  all(): SchoolAccountRow[] {
    return this.db.prepare(SELECT).all() as SchoolAccountRow[]
  }

  /** A new sign-in replaces whatever the screen had: one account per screen. */
  put(row: Omit<SchoolAccountRow, 'state' | 'endedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO school_accounts (screen, user_id, email, name, role, token_sealed, state, signed_in_at)
         VALUES (@screen, @userId, @email, @name, @role, @tokenSealed, 'active', @signedInAt)
         ON CONFLICT (screen) DO UPDATE SET user_id = @userId, email = @email, name = @name, role = @role,
           token_sealed = @tokenSealed, state = 'active', signed_in_at = @signedInAt, ended_at = NULL`,
      )
      .run(row)
  }

  /** The server stopped taking the token; only an `active` row can end, so the first 401 decides the time. */
  end(screen: string, at: string): void {
    this.db
      .prepare(
        `UPDATE school_accounts SET state = 'ended', ended_at = ? WHERE screen = ? AND state = 'active'`,
      )
      .run(at, screen)
  }

  remove(screen: string): void {
    this.db.prepare('DELETE FROM school_accounts WHERE screen = ?').run(screen)
  }
}
