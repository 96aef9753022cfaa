import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { TokensRepo } from '../../../../proxy/store/tokens-repo'

function setup(start = Date.parse('2026-03-01T08:00:00Z')) {
  const db = openMemoryDatabase()
  let now = start
  const repo = new TokensRepo(db, () => new Date(now))
  return { db, repo, advance: (ms: number) => (now += ms) }
}

describe('API tokens', () => {
  it('stores only the SHA-256 digest of a token, never the token', () => {
    const { db, repo } = setup()
    const { token, info } = repo.create('Kirish plansheti', 'operator')
    const row = db.prepare('SELECT * FROM tokens WHERE id = ?').get(info.id) as Record<string, unknown>
    expect(row.hash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(token)
    expect(token).toMatch(/^sr_[\w-]{43}$/)
  })

  it('recognises a valid token and reports its name and role', () => {
    const { repo } = setup()
    const { token } = repo.create('Admin phone', 'admin')
    expect(repo.authenticate(token)).toMatchObject({ name: 'Admin phone', role: 'admin', revokedAt: null })
    expect(repo.authenticate(token + 'x')).toBeUndefined()
    expect(repo.authenticate('sr_' + 'A'.repeat(43))).toBeUndefined()
  })

  it('refuses a revoked token but keeps it listed with the revocation time', () => {
    const { repo } = setup()
    const { token, info } = repo.create('Lost tablet', 'operator')
    expect(repo.revoke(info.id)).toBe(true)
    expect(repo.authenticate(token)).toBeUndefined()
    expect(repo.list()).toEqual([
      expect.objectContaining({ id: info.id, revokedAt: '2026-03-01T08:00:00.000Z' }),
    ])
    expect(repo.countActive()).toBe(0)
  })

  it('answers false when revoking an unknown token, and keeps the first revocation time', () => {
    const { repo, advance } = setup()
    const { info } = repo.create('Tablet', 'operator')
    expect(repo.revoke('no-such-id')).toBe(false)
    repo.revoke(info.id)
    advance(60_000)
    repo.revoke(info.id)
    expect(repo.get(info.id)?.revokedAt).toBe('2026-03-01T08:00:00.000Z')
  })

  it('records when a token was last used, at most once a minute', () => {
    const { repo, advance } = setup()
    const { token, info } = repo.create('Tablet', 'operator')
    expect(repo.get(info.id)?.lastUsedAt).toBeNull()
    repo.authenticate(token)
    expect(repo.get(info.id)?.lastUsedAt).toBe('2026-03-01T08:00:00.000Z')
    advance(30_000)
    repo.authenticate(token)
    expect(repo.get(info.id)?.lastUsedAt).toBe('2026-03-01T08:00:00.000Z')
    advance(30_000)
    repo.authenticate(token)
    expect(repo.get(info.id)?.lastUsedAt).toBe('2026-03-01T08:01:00.000Z')
  })

  it('renames a token', () => {
    const { repo } = setup()
    const { info } = repo.create('Ekran 1', 'operator')
    expect(repo.rename(info.id, 'Chiqish plansheti')?.name).toBe('Chiqish plansheti')
    expect(repo.rename('missing', 'x')).toBeUndefined()
  })
})
