import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { TerminalAuth, type AuthOptions } from '../../../sim/terminal/auth'

const md5 = (s: string) => createHash('md5').update(s).digest('hex')

function device(over: Partial<AuthOptions> = {}) {
  let clock = 1_700_000_000_000
  const auth = new TerminalAuth({
    mode: 'digest',
    username: 'admin',
    password: 'Admin12345',
    algorithm: 'MD5',
    challengeStyle: 'terminal',
    offerBasic: false,
    nonceUses: 2,
    nonceTtlMs: 30_000,
    staleMode: 'plain-401',
    spentNonceCountsAsFailure: true,
    maxFailures: 5,
    lockSeconds: 1800,
    extendLockOnAttempt: true,
    realm: 'DS-6E392E44',
    now: () => clock,
    ...over,
  })
  return { auth, tick: (ms: number) => (clock += ms) }
}

function nonceOf(auth: TerminalAuth): string {
  const verdict = auth.check('GET', '/x', undefined)
  if (verdict.ok) throw new Error('expected a challenge')
  const header = String(verdict.response.headers?.['WWW-Authenticate'])
  return /nonce="([^"]+)"/.exec(header)?.[1] ?? ''
}

function sign(nonce: string, nc: number, password = 'Admin12345', uri = '/x'): string {
  const ha1 = md5(`admin:DS-6E392E44:${password}`)
  const ncHex = nc.toString(16).padStart(8, '0')
  const response = md5(`${ha1}:${nonce}:${ncHex}:c0ffee:auth:${md5(`GET:${uri}`)}`)
  return `Digest username="admin", realm="DS-6E392E44", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=${ncHex}, cnonce="c0ffee"`
}

describe('the simulated terminal login', () => {
  it('challenges in the captured DS-K1T342MWX format', () => {
    const { auth } = device()
    const verdict = auth.check('GET', '/x', undefined)
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.response.status).toBe(401)
    expect(verdict.response.headers?.['WWW-Authenticate']).toEqual([
      expect.stringMatching(
        /^Digest qop="auth", realm="DS-6E392E44", nonce="[A-Za-z0-9+/=]+", stale="false", opaque="", domain="::"$/,
      ),
    ])
    expect(verdict.response.body.toString()).toContain('<statusValue>401</statusValue>')
  })

  it('accepts a nonce twice and answers the third use with a plain 401: no challenge, no stale', () => {
    const { auth } = device()
    const nonce = nonceOf(auth)
    expect(auth.check('GET', '/x', sign(nonce, 1)).ok).toBe(true)
    expect(auth.check('GET', '/x', sign(nonce, 2)).ok).toBe(true)
    const third = auth.check('GET', '/x', sign(nonce, 3))
    expect(third.ok).toBe(false)
    if (third.ok) return
    expect(third.response.status).toBe(401)
    expect(third.response.headers).toBeUndefined()
    expect(auth.stats.spentNonces).toBe(1)
  })

  it('refuses a replayed nc and a uri that is not the request', () => {
    const { auth } = device({ nonceUses: 5 })
    const nonce = nonceOf(auth)
    expect(auth.check('GET', '/x', sign(nonce, 1)).ok).toBe(true)
    expect(auth.check('GET', '/x', sign(nonce, 1)).ok).toBe(false)
    expect(auth.check('GET', '/y', sign(nonce, 2)).ok).toBe(false)
  })

  it('locks after five failed logins with the real body, and every attempt during the lock extends it', () => {
    const { auth, tick } = device()
    for (let i = 0; i < 4; i++) {
      const verdict = auth.check('GET', '/x', sign(nonceOf(auth), 1, 'wrong'))
      if (verdict.ok) throw new Error('wrong password accepted')
      expect(verdict.response.body.toString()).toContain(`<retryLoginTime>${4 - i}</retryLoginTime>`)
    }
    const fifth = auth.check('GET', '/x', sign(nonceOf(auth), 1, 'wrong'))
    if (fifth.ok) throw new Error('wrong password accepted')
    expect(fifth.response.body.toString()).toMatch(
      /<lockStatus>lock<\/lockStatus>\s*<unlockTime>1800<\/unlockTime>/,
    )
    tick(600_000)
    expect(auth.lockRemainingSec).toBe(1200)
    const right = auth.check('GET', '/x', sign(nonceOf(auth), 1))
    expect(right.ok).toBe(false)
    expect(auth.lockRemainingSec).toBe(1800)
  })

  it('counts Basic sent to a Digest device as a failed login', () => {
    const { auth } = device()
    const basic = `Basic ${Buffer.from('admin:Admin12345').toString('base64')}`
    expect(auth.check('GET', '/x', basic).ok).toBe(false)
    expect(auth.stats).toMatchObject({ basicAttempts: 1, failedLogins: 1 })
  })
})
