import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import type { Terminal } from '../../sim/terminal'
import { clientFor, failure, terminal } from './helpers'

/** Someone else at the school typing a wrong password: one failed login per call. */
async function wrongLoginElsewhere(sim: Terminal): Promise<void> {
  const bare = await request(`${sim.url}/ISAPI/System/deviceInfo`)
  await bare.body.dump()
  const header = String(bare.headers['www-authenticate'])
  const nonce = /nonce="([^"]+)"/.exec(header)?.[1]
  const res = await request(`${sim.url}/ISAPI/System/deviceInfo`, {
    headers: {
      authorization: `Digest username="admin", realm="x", nonce="${nonce}", uri="/ISAPI/System/deviceInfo", response="00000000000000000000000000000000", qop=auth, nc=00000001, cnonce="c"`,
    },
  })
  await res.body.dump()
}

describe('a wrong password costs the device at most two failed logins per user action', () => {
  it('refused once on a fresh nonce: device_auth_failed, and nothing more is sent by itself', async () => {
    const sim = await terminal()
    const client = clientFor(sim, { password: 'wrong-password' })
    expect((await failure(client.deviceInfo())).code).toBe('device_auth_failed')
    expect(sim.stats.failedLogins).toBe(1)
    const before = sim.stats.requests
    // a queued job behind the failure: refused without a packet
    for (const call of [client.countUsers(), client.searchUsers(), client.deviceInfo()]) {
      expect((await failure(call)).code).toBe('device_auth_failed')
    }
    expect(sim.stats.requests).toBe(before)
    expect(sim.stats.failedLogins).toBe(1)
  })

  it('a person asking again (resetAuth) is one more attempt, so five clicks never reach the lock', async () => {
    const sim = await terminal()
    const client = clientFor(sim, { password: 'wrong-password' })
    for (let click = 0; click < 4; click++) {
      client.resetAuth()
      expect((await failure(client.deviceInfo())).code).toBe('device_auth_failed')
    }
    expect(sim.stats.failedLogins).toBe(4)
    expect(sim.lockRemainingSec).toBe(0)
  })

  it('the lock the device reports in its 401 body becomes device_locked with retryAfterSec', async () => {
    const sim = await terminal()
    for (let i = 0; i < 4; i++) await wrongLoginElsewhere(sim)
    const client = clientFor(sim, { password: 'wrong-password' })
    const error = await failure(client.deviceInfo())
    expect(error.code).toBe('device_locked')
    expect(error.extra.retryAfterSec).toBe(1800)
    expect(sim.lockRemainingSec).toBeGreaterThan(1790)
  })

  it('a locked device is left alone: even the right password sends nothing until the lock runs out', async () => {
    const sim = await terminal({ lockout: { maxFailures: 1, lockSeconds: 600, extendOnAttempt: true } })
    await wrongLoginElsewhere(sim)
    const client = clientFor(sim)
    const first = await failure(client.deviceInfo())
    expect(first.code).toBe('device_locked')
    expect(first.extra.retryAfterSec).toBeGreaterThan(590)
    const sent = sim.stats.requests
    const again = await failure(client.deviceInfo())
    expect(again.code).toBe('device_locked')
    expect(again.extra.retryAfterSec).toBeLessThanOrEqual(600)
    // every attempt during a lock extends it on a real terminal: none was made
    expect(sim.stats.requests).toBe(sent)
    expect(sim.stats.lockedRefusals).toBe(0)
  })
})
