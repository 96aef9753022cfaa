import { randomInt } from 'node:crypto'
import type { Role } from '../../shared/api/pairing'
import type { Db } from './db'
import { hashPairingCode, hashPairingCodeAsync, pairingCodeMatches } from './pairing-code-hash'

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

/** One-time pairing codes, stored as salted slow hashes. A code works once, and only before it expires. */
export class PairingCodesRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  issue(role: Role, options: CodeOptions): IssuedCode {
    for (;;) {
      const code = drawCode(options.digits)
      const issued = this.store(code, hashPairingCode(code), role, options)
      if (issued) return issued
    }
  }

  /**
   * `issue` with the slow hash made off the main thread; `first` runs in the same transaction as the
   * insert, just before it.
   */
  async issueOffThread(role: Role, options: CodeOptions, first: () => void = () => {}): Promise<IssuedCode> {
    for (;;) {
      const code = drawCode(options.digits)
      const hash = await hashPairingCodeAsync(code)
      const issued = this.db.transaction(() => {
        first()
        return this.store(code, hash, role, options)
      })()
      if (issued) return issued
    }
  }

  /** Stores the code, or nothing when a live code has the same digits: the caller draws again. */
  private store(code: string, hash: string, role: Role, options: CodeOptions): IssuedCode | undefined {
    const now = this.now()
    // a live code with the same digits exists: draw again rather than hand out a code twice
    if (this.liveMatch(code, now)) return undefined
    const expiresAt = options.ttlMs === null ? null : new Date(now.getTime() + options.ttlMs).toISOString()
    this.db
      .prepare(
        `INSERT INTO pairing_codes (hash, role, first_start, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(hash, role, options.firstStart ? 1 : 0, now.toISOString(), expiresAt)
    return { code, role, expiresAt }
  }

  /** Uses up a valid code and returns its role; undefined for a wrong, used or expired code. */
  redeem(code: string): Role | undefined {
    const now = this.now()
    const match = this.liveMatch(code, now)
    if (!match) return undefined
    const row = this.db
      .prepare(
        `UPDATE pairing_codes SET used_at = @now WHERE hash = @hash AND used_at IS NULL RETURNING role`,
      )
      .get({ hash: match, now: now.toISOString() }) as { role: Role } | undefined
    return row?.role
  }

  /** The stored hash of the unused, unexpired code `code` is, if any (each salted: checked one by one). */
  private liveMatch(code: string, now: Date): string | undefined {
    const live = this.db
      .prepare(
        'SELECT hash FROM pairing_codes WHERE used_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
      )
      .all(now.toISOString()) as Array<{ hash: string }>
    return live.find((row) => pairingCodeMatches(code, row.hash))?.hash
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

/** Leading zeros are part of the code, so every code has exactly `digits` digits. */
function drawCode(digits: number): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0')
}
