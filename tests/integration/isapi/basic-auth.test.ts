import { describe, expect, it } from 'vitest'
import { clientFor, failure, terminal } from './helpers'

describe('Basic only for devices that offer nothing but Basic', () => {
  it('a Basic-only device works where the admin allowed Basic, and the client says so', async () => {
    const sim = await terminal({ auth: 'basic' })
    const client = clientFor(sim, { allowBasic: true })
    await client.deviceInfo()
    await client.countUsers()
    expect(client.authScheme).toBe('basic')
    // one challenge, then the remembered scheme goes out pre-emptively
    expect(sim.stats.log.map((e) => e.auth)).toEqual(['none', 'basic', 'basic'])
  })

  it('a wrong password on a Basic device: at most two attempts, then device_auth_failed', async () => {
    const sim = await terminal({ auth: 'basic' })
    const client = clientFor(sim, { password: 'nope', allowBasic: true })
    expect((await failure(client.deviceInfo())).code).toBe('device_auth_failed')
    expect(sim.stats.failedLogins).toBeLessThanOrEqual(2)
  })

  it('sends no Basic where the admin did not allow it: device_auth_failed with the reason, no login spent', async () => {
    const sim = await terminal({ auth: 'basic' })
    const client = clientFor(sim)
    const refused = await failure(client.deviceInfo())
    expect(refused.code).toBe('device_auth_failed')
    expect(refused.extra.details).toMatchObject({ reason: 'basic_not_allowed' })
    expect(sim.stats.basicAttempts).toBe(0)
    expect(sim.stats.failedLogins).toBe(0)
  })

  for (const challengeStyle of ['nvr', 'camera', 'combined'] as const) {
    it(`never sends Basic to a device that offers Digest and Basic (${challengeStyle} headers)`, async () => {
      const sim = await terminal({ challengeStyle, offerBasic: true })
      const client = clientFor(sim)
      await client.deviceInfo()
      await client.searchUsers()
      expect(client.authScheme).toBe('digest')
      expect(sim.stats.basicAttempts).toBe(0)
      expect(sim.stats.log.every((e) => e.auth !== 'basic')).toBe(true)
    })
  }

  it('never sends Basic even with a wrong password to a Digest device', async () => {
    const sim = await terminal({ challengeStyle: 'combined', offerBasic: true })
    const client = clientFor(sim, { password: 'nope' })
    await failure(client.deviceInfo())
    expect(sim.stats.basicAttempts).toBe(0)
  })
})
