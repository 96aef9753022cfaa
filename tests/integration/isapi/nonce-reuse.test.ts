import { describe, expect, it } from 'vitest'
import { clientFor, failure, terminal } from './helpers'

describe('Digest nonce reuse with a rising nc', () => {
  it('signs two requests with one challenge on a 2-use device: 9 requests for 6 operations, not 12', async () => {
    const sim = await terminal({ nonceUses: 2 })
    const client = clientFor(sim)
    for (let i = 0; i < 6; i++) await client.deviceInfo()
    expect(sim.stats.requests).toBe(9)
    expect(sim.stats.challenges).toBe(3)
    expect(sim.stats.failedLogins).toBe(0)
    const accepted = sim.stats.log.filter((e) => e.status === 200).map((e) => e.nc)
    expect(accepted).toEqual([1, 2, 1, 2, 1, 2])
  })

  it('a device that takes a nonce once and answers the reuse with a plain 401 (no challenge, no stale): one re-challenge, one retry, then it stops reusing', async () => {
    const sim = await terminal({ nonceUses: 1, staleMode: 'plain-401' })
    const client = clientFor(sim)
    await client.deviceInfo()
    await client.countUsers()
    expect(sim.stats.spentNonces).toBe(1)
    // the refused reuse, a bare request for a new challenge, the retry
    expect(sim.stats.log.slice(2).map((e) => [e.auth, e.status])).toEqual([
      ['digest', 401],
      ['none', 401],
      ['digest', 200],
    ])
    for (let i = 0; i < 4; i++) await client.deviceInfo()
    expect(sim.stats.spentNonces).toBe(1)
    expect(sim.lockRemainingSec).toBe(0)
  })

  it('a device that answers the reuse with stale=true and a new challenge: one retry on that challenge', async () => {
    const sim = await terminal({ nonceUses: 1, staleMode: 'stale-flag' })
    const client = clientFor(sim)
    await client.deviceInfo()
    await client.deviceInfo()
    expect(sim.stats.log.slice(2).map((e) => [e.auth, e.status])).toEqual([
      ['digest', 401],
      ['digest', 200],
    ])
  })

  it('never loops: when the retry is refused too, the operation fails after two attempts', async () => {
    const sim = await terminal({ nonceUses: 2 })
    const client = clientFor(sim)
    await client.deviceInfo()
    sim.setPassword('ChangedOnTheDevice1')
    sim.resetStats()
    const error = await failure(client.deviceInfo())
    expect(error.code).toBe('device_auth_failed')
    expect(sim.stats.failedLogins).toBe(2)
    expect(sim.stats.log.filter((e) => e.auth !== 'none')).toHaveLength(2)
  })

  it('keeps the nonce per device: two clients for two devices do not share one', async () => {
    const a = await terminal()
    const b = await terminal()
    const clientA = clientFor(a)
    const clientB = clientFor(b)
    await clientA.deviceInfo()
    await clientB.deviceInfo()
    await clientA.deviceInfo()
    await clientB.deviceInfo()
    expect(a.stats.failedLogins + b.stats.failedLogins).toBe(0)
    expect(a.stats.requests).toBe(3)
    expect(b.stats.requests).toBe(3)
  })
})
