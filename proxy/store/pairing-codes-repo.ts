import { randomInt } from 'node:crypto'
import type { Role } from '../../shared/api/pairing'
import type { Db } from './db'
import { secretHash } from './secret-hash'

export interface IssuedCode {
  code: string
  role: Role
  /** null for the first-start code, which lasts until it is used */
  expiresAt: string | null
}

export interface CodeOptions {
  digits: number
  /** null: never expires (the first-start code) */
  ttlMs: number | null
  firstStart?: boolean
}

/** One-time pairing codes, stored as digests. A code works once, and only before it expires. */
export class PairingCodesRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  issue(role: Role, options: CodeOptions): IssuedCode {
    const now = this.now()
    const expiresAt = options.ttlMs === null ? null : new Date(now.getTime() + options.ttlMs).toISOString()
    for (;;) {
      // Leading zeros are part of the code, so every code has exactly `digits` digits.
      const code = String(randomInt(0, 10 ** options.digits)).padStart(options.digits, '0')
      const inserted = this.db.transaction(() => {
        this.db
          .prepare('DELETE FROM pairing_codes WHERE hash = ? AND (used_at IS NOT NULL OR expires_at <= ?)')
          .run(secretHash(code), now.toISOString())
        return this.db
          .prepare(
            `INSERT INTO pairing_codes (hash, role, first_start, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (hash) DO NOTHING`,
          )
          .run(secretHash(code), role, options.firstStart ? 1 : 0, now.toISOString(), expiresAt)
      })()
      // A live code with the same digits exists: draw again rather than hand out a code twice.
      if (inserted.changes === 1) return { code, role, expiresAt }
    }
  }

  /** Uses up a valid code and returns its role; undefined for a wrong, used or expired code. */
  redeem(code: string): Role | undefined {
    const row = this.db
      .prepare(
        `UPDATE pairing_codes SET used_at = @now
         WHERE hash = @hash AND used_at IS NULL AND (expires_at IS NULL OR expires_at > @now)
         RETURNING role`,
      )
      .get({ hash: secretHash(code), now: this.now().toISOString() }) as { role: Role } | undefined
    return row?.role
  }

  /** Drops unused first-start codes, so only the one printed last can be used. */
  withdrawFirstStartCodes(): void {
    this.db.prepare('DELETE FROM pairing_codes WHERE first_start = 1 AND used_at IS NULL').run()
  }

  /** Forgets codes that can no longer be used; they are worthless and only grow the table. */
  purgeExpired(): void {
    this.db
      .prepare('DELETE FROM pairing_codes WHERE expires_at IS NOT NULL AND expires_at <= ?')
      .run(this.now().toISOString())
  }
}
