import { describe, expect, it } from 'vitest'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { APP_CODE_TTL_MS, Pairing } from '../../../../proxy/store/pairing'
import { PairingCodesRepo } from '../../../../proxy/store/pairing-codes-repo'
import { SettingsRepo } from '../../../../proxy/store/settings-repo'
import { TokensRepo } from '../../../../proxy/store/tokens-repo'

function setup() {
  const db = openMemoryDatabase()
  let now = Date.parse('2026-03-01T08:00:00Z')
  const clock = () => new Date(now)
  const tokens = new TokensRepo(db, clock)
  const codes = new PairingCodesRepo(db, clock)
  const pairing = new Pairing(db, codes, tokens, new SettingsRepo(db), clock)
  return { db, tokens, codes, pairing, advance: (ms: number) => (now += ms) }
}

describe('pairing codes', () => {
  it('trades a code for a working token exactly once', () => {
    const { pairing, tokens } = setup()
    const { code } = pairing.issueCode('operator')
    expect(code).toMatch(/^\d{6}$/)
    const paired = pairing.pair(code, 'Kirish plansheti')
    expect(paired).toMatchObject({ role: 'operator', tokenId: expect.any(String) })
    expect(tokens.authenticate(paired!.token)).toMatchObject({ name: 'Kirish plansheti', role: 'operator' })
    expect(pairing.pair(code)).toBeUndefined()
  })

  it('keeps only a digest of each code', () => {
    const { pairing, db } = setup()
    const { code } = pairing.issueCode('admin')
    const rows = JSON.stringify(db.prepare('SELECT * FROM pairing_codes').all())
    expect(rows).not.toContain(`"${code}"`)
  })

  it('lets a code from the app expire after about 15 minutes', () => {
    const { pairing, advance } = setup()
    const issued = pairing.issueCode('operator')
    expect(issued.expiresAt).toBe(
      new Date(Date.parse('2026-03-01T08:00:00Z') + APP_CODE_TTL_MS).toISOString(),
    )
    advance(APP_CODE_TTL_MS)
    expect(pairing.pair(issued.code)).toBeUndefined()
  })

  it('keeps the first-start code valid until it is used, and it makes an admin', async () => {
    const { pairing, advance } = setup()
    const { code, expiresAt } = await pairing.issueFirstStartCode()
    expect(code).toMatch(/^\d{8}$/)
    expect(expiresAt).toBeNull()
    advance(90 * 86_400_000)
    expect(pairing.pair(code)?.role).toBe('admin')
  })

  it('withdraws an earlier unused first-start code when a new one is printed', async () => {
    const { pairing } = setup()
    const first = await pairing.issueFirstStartCode()
    const second = await pairing.issueFirstStartCode()
    expect(pairing.pair(first.code)).toBeUndefined()
    expect(pairing.pair(second.code)).toBeDefined()
  })

  it('counts as paired from the first successful pairing on', async () => {
    const { pairing } = setup()
    expect(pairing.isPaired()).toBe(false)
    pairing.pair('00000000')
    expect(pairing.isPaired()).toBe(false)
    pairing.pair((await pairing.issueFirstStartCode()).code)
    expect(pairing.isPaired()).toBe(true)
  })

  it('names unnamed screens in order', () => {
    const { pairing, tokens } = setup()
    pairing.pair(pairing.issueCode('operator').code)
    pairing.pair(pairing.issueCode('operator').code)
    expect(tokens.list().map((t) => t.name)).toEqual(['Ekran 1', 'Ekran 2'])
  })

  // each code is a slow hash: a busy machine needs more than the 5 s default for a dozen of them
  it('can reuse the digits of a code that was used up', { timeout: 60_000 }, () => {
    const { codes } = setup()
    // One digit: ten possible codes, so eleven draws must repeat one.
    for (let i = 0; i < 11; i += 1) {
      const { code } = codes.issue('operator', { digits: 1, ttlMs: 60_000 })
      expect(codes.redeem(code)).toBe('operator')
    }
  })
})
