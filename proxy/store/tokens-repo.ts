import { randomBytes, randomUUID } from 'node:crypto'
import type { Role, TokenInfo } from '../../shared/api/pairing'
import type { Db } from './db'
import { secretHash } from './secret-hash'

const SELECT = `SELECT id, name, role, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt
  FROM tokens`

/** `lastUsedAt` is a hint for the admin, not an audit log: one write a minute per token is plenty. */
const TOUCH_EVERY_MS = 60_000

export interface IssuedToken {
  /** the bearer token itself: shown to its owner once, never stored */
  token: string
  info: TokenInfo
}

/** The API tokens of paired screens. Only digests are stored; revoking keeps the row for the admin's list. */
export class TokensRepo {
  private readonly revokeListeners = new Set<(tokenId: string) => void>()

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `claimed`: the name is the new screen's own words (given while pairing), not an admin's */
  create(name: string, role: Role, options: { claimed?: boolean } = {}): IssuedToken {
    const token = 'sr_' + randomBytes(32).toString('base64url')
    const info: TokenInfo = {
      id: randomUUID(),
      name,
      role,
      createdAt: this.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    }
    this.db
      .prepare(
        'INSERT INTO tokens (id, name, role, hash, created_at, name_claimed) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(info.id, info.name, info.role, secretHash(token), info.createdAt, options.claimed ? 1 : 0)
    return { token, info }
  }

  /** The token's owner, or undefined for an unknown or revoked token. Marks the token as used. */
  authenticate(token: string): TokenInfo | undefined {
    const info = this.db.prepare(`${SELECT} WHERE hash = ? AND revoked_at IS NULL`).get(secretHash(token)) as
      TokenInfo | undefined
    if (!info) return undefined
    const now = this.now()
    if (!info.lastUsedAt || now.getTime() - Date.parse(info.lastUsedAt) >= TOUCH_EVERY_MS) {
      info.lastUsedAt = now.toISOString()
      this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(info.lastUsedAt, info.id)
    }
    return info
  }

  list(): TokenInfo[] {
    return this.db.prepare(`${SELECT} ORDER BY created_at, rowid`).all() as TokenInfo[]
  }

  get(id: string): TokenInfo | undefined {
    return this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as TokenInfo | undefined
  }

  /** Whether the token's name is still the one its screen gave itself while pairing. */
  nameClaimed(id: string): boolean {
    return this.db.prepare('SELECT name_claimed FROM tokens WHERE id = ?').pluck().get(id) === 1
  }

  /** An admin's rename: the name is no longer the screen's own words. */
  rename(id: string, name: string): TokenInfo | undefined {
    this.db.prepare('UPDATE tokens SET name = ?, name_claimed = 0 WHERE id = ?').run(name, id)
    return this.get(id)
  }

  /** Revokes a token for good; false when there is no such token. Revoking twice keeps the first time. */
  revoke(id: string): boolean {
    const found = this.get(id)
    if (!found) return false
    this.db
      .prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.now().toISOString(), id)
    for (const listener of this.revokeListeners) listener(id)
    return true
  }

  /**
   * Calls `listener` with each token id as it is revoked, so what the token holds open (an event stream)
   * ends with it rather than at its next request. Returns the way to stop listening.
   */
  onRevoke(listener: (tokenId: string) => void): () => void {
    this.revokeListeners.add(listener)
    return () => this.revokeListeners.delete(listener)
  }

  /** Whether `id` is the only admin screen not revoked: revoking it would leave no screen to manage with. */
  isLastAdmin(id: string): boolean {
    const admins = this.db
      .prepare("SELECT id FROM tokens WHERE role = 'admin' AND revoked_at IS NULL")
      .pluck()
      .all() as string[]
    return admins.length === 1 && admins[0] === id
  }

  countActive(): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM tokens WHERE revoked_at IS NULL').get() as { n: number }
    ).n
  }
}
