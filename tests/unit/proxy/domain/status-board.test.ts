import { describe, expect, it } from 'vitest'
import { deviceUnreachable } from '../../../../proxy/isapi/errors'
import { TIME_DRIFT_WARN_SEC } from '../../../../shared/api/status'
import { AppError } from '../../../../shared/errors'
import { backend, rig, terminal, webhookUrl } from './status-fixture'

describe('device status for the phone check', () => {
  it('reports a live terminal: model, serial, people and faces against capacity, clock, webhook, last event', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t342mwx', seedUsers: 9, clockDriftSec: 45 })
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'in', name: 'Asosiy kirish' })
    // the status waits at most 1.5 s for the school server's URLs, then uses the kept copy: keep one first,
    // so a slow backend beside a CPU hog cannot leave the webhook unknown
    await checks.directory.current()

    const status = await checks.status.one('gate')
    expect(status).toMatchObject({
      id: 'gate',
      name: 'Asosiy kirish',
      direction: 'in',
      online: true,
      deviceInfo: {
        model: 'DS-K1T342MWX',
        firmwareVersion: 'V3.16.1',
        serialNumber: expect.stringMatching(/^DS-K1T342MWX/),
      },
      userCount: 9,
      faceCount: 6,
      userCapacity: 1500,
      faceCapacity: 1500,
      webhookInSync: false,
      lastEventAt: expect.stringMatching(/^2026-09-0\dT\d\d:\d\d:\d\d-04:00$/),
    })
    expect(status.timeDriftSec).toBeGreaterThanOrEqual(44)
    expect(status.timeDriftSec).toBeLessThanOrEqual(46)
    expect(status.timeDriftSec).toBeGreaterThan(TIME_DRIFT_WARN_SEC)
    expect(status.clock).toMatchObject({ warning: true, timeZone: 'CST+4:00:00', zoneMatches: false })
    expect(status.webhook).toMatchObject({ expected: webhookUrl(b, 'in'), actual: [], inSync: false })
    expect(status.error).toBeUndefined()
    expect(devices.seen).toEqual(['gate'])
  })

  it('shows the newest access event', async () => {
    const t = await terminal({ model: 'ds-k1t341am' })
    const { devices, checks } = rig()
    devices.add('gate', t)
    expect((await checks.status.one('gate')).lastEventAt).toBeNull()
    t.addEvent({ time: '2026-11-25T08:01:02+05:00', employeeNoString: '1001' })
    t.addEvent({ time: '2026-11-25T08:03:04+05:00', employeeNoString: '1002' })
    expect((await checks.status.one('gate', { refresh: true })).lastEventAt).toBe('2026-11-25T08:03:04+05:00')
  })

  it('finds webhook and clock drift on every check, and sees them fixed', async () => {
    const b = await backend()
    const t = await terminal({ model: 'ds-k1t341am', clockDriftSec: -120 })
    const { devices, checks } = rig({ backend: b })
    devices.add('gate', t, { direction: 'out' })

    const before = await checks.status.one('gate')
    expect(before).toMatchObject({ webhookInSync: false })
    expect(before.timeDriftSec).toBeLessThan(-TIME_DRIFT_WARN_SEC)

    await checks.webhooks.apply('gate')
    await checks.clocks.sync('gate')
    const after = await checks.status.one('gate')
    expect(after).toMatchObject({ webhookInSync: true, clock: { warning: false, zoneMatches: true } })
    expect(Math.abs(after.timeDriftSec ?? 99)).toBeLessThanOrEqual(1)

    t.state.clock.offsetMs += 300_000
    t.state.httpHosts[0] = { ...t.state.httpHosts[0]!, portNo: 9999 }
    const drifted = await checks.status.one('gate', { refresh: true })
    expect(drifted).toMatchObject({ webhookInSync: false, clock: { warning: true } })
  })

  it('reports a refused connection as offline at once, not as an error', async () => {
    const t = await terminal()
    // a budget far beyond the test's own timeout: only an immediate answer passes
    const { devices, checks } = rig({ budgetMs: 60_000 })
    devices.add('gate', t)
    await t.setOffline(true)
    const status = await checks.status.one('gate')
    expect(status).toMatchObject({ online: false, error: { code: 'device_unreachable' }, clock: null })
    expect(status.error?.message).toMatch(/refused/)
  })

  it('gives up on a device that never answers within the budget', async () => {
    const t = await terminal()
    const { devices, checks } = rig({ budgetMs: 400 })
    devices.add('gate', t)
    await t.setOffline('blackhole')
    const status = await checks.status.one('gate')
    expect(status).toMatchObject({ online: false, error: { code: 'device_unreachable' } })
    // the 400 ms budget, not the 1 s connect timeout, ended it: the read gets what is left of the budget
    // when it starts (399 ms when a millisecond went by first)
    expect(status.error?.message).toMatch(/within ([34]\d\d ms|the check time)/)
  })

  it('marks a report partial when the device answers but not everything in time', async () => {
    // the event search outlasts the budget by far; the quick reads have room even on a busy machine
    const t = await terminal({ latency: { acsEvent: 10_000 } })
    const { devices, checks } = rig({ budgetMs: 3_000 })
    devices.add('gate', t)
    const status = await checks.status.one('gate')
    expect(status).toMatchObject({ online: true, partial: true, lastEventAt: null })
    expect(status.userCount).toBe(0)
  })

  it('marks a report partial when a read’s own deadline cut it off, whichever timer fired first', async () => {
    const { devices, checks } = rig({ budgetMs: 3_000 })
    devices.add('gate', await terminal())
    const endpoint = '/ISAPI/AccessControl/AcsEvent'
    Object.assign(devices.client('gate'), {
      searchEvents: () => Promise.reject(deviceUnreachable(endpoint, 'no answer within 2990 ms', 'timeout')),
    })
    expect(await checks.status.one('gate')).toMatchObject({ online: true, partial: true, lastEventAt: null })
  })

  it('does not call a report partial when a read was refused, not cut off', async () => {
    const { devices, checks } = rig({ budgetMs: 3_000 })
    devices.add('gate', await terminal())
    Object.assign(devices.client('gate'), {
      searchEvents: () => Promise.reject(new AppError('device_rejected', 'notSupport')),
    })
    const status = await checks.status.one('gate')
    expect(status).toMatchObject({ online: true, lastEventAt: null })
    expect(status.partial).toBeUndefined()
  })

  it('tells a wrong password and a stale one apart from a device that is off', async () => {
    const t = await terminal({ lockout: false })
    const { devices, checks } = rig()
    devices.add('gate', t)
    devices.add('stale', await terminal())
    t.setPassword('changed-on-the-device')
    devices.expired.add('stale')
    const [gate, stale] = await checks.status.all()
    expect(gate).toMatchObject({ online: true, error: { code: 'device_auth_failed' } })
    expect(stale).toMatchObject({ online: false, error: { code: 'credentials_expired' } })
  })

  it('answers from the cache for 10 s, and asks again on refresh', async () => {
    const t = await terminal()
    let now = Date.parse('2026-11-25T09:00:00Z')
    const { devices, checks } = rig({ now: () => now })
    devices.add('gate', t)

    const first = await checks.status.one('gate')
    const requests = t.stats.requests
    expect(await checks.status.one('gate')).toBe(first)
    now += 9_000
    expect(await checks.status.one('gate')).toBe(first)
    expect(t.stats.requests).toBe(requests)
    now += 2_000
    expect(await checks.status.one('gate')).not.toBe(first)
    expect(t.stats.requests).toBeGreaterThan(requests)
    const again = t.stats.requests
    await checks.status.one('gate', { refresh: true })
    expect(t.stats.requests).toBeGreaterThan(again)
  })

  it('shares one check between callers asking at the same time', async () => {
    const t = await terminal()
    const { devices, checks } = rig()
    devices.add('gate', t)
    const [a, b] = await Promise.all([
      checks.status.one('gate'),
      checks.status.one('gate', { refresh: true }),
    ])
    expect(a).toBe(b)
    expect(t.stats.log.filter((e) => e.op === 'deviceInfo' && e.status === 200)).toHaveLength(1)
  })

  it('checks all devices together: a dead one is reported among the live ones', async () => {
    const alive = await terminal({ latency: { default: 100 } })
    const dead = await terminal()
    const { devices, checks } = rig({ budgetMs: 800 })
    devices.add('a', alive)
    devices.add('b', dead)
    devices.add('c', await terminal({ latency: { default: 100 } }))
    await dead.setOffline('blackhole')
    const all = await checks.status.all()
    expect(all.map((s) => [s.id, s.online])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ])
  })

  it(
    'hands each report over as it is ready: the quick one first, a slow one whole, a silent one offline',
    {
      timeout: 30_000,
    },
    async () => {
      const slow = await terminal({ latency: { default: 300 } })
      const silent = await terminal()
      // the first answer may take 5 s; once answered, a device has the whole budget
      const { devices, checks } = rig({ answerMs: 5_000, budgetMs: 30_000 })
      devices.add('silent', silent)
      devices.add('slow', slow)
      devices.add('quick', await terminal())
      await silent.setOffline('blackhole')
      const seen = []
      for await (const report of checks.status.each()) seen.push(report)
      expect(seen[0]?.id).toBe('quick')
      const byId = Object.fromEntries(seen.map((s) => [s.id, s]))
      expect(byId.slow).toMatchObject({ online: true, userCount: 0 })
      expect(byId.slow?.partial).toBeUndefined()
      expect(byId.silent).toMatchObject({ online: false, error: { code: 'device_unreachable' } })
      expect(seen).toHaveLength(3)
    },
  )

  it('stops handing reports over when the screen goes away', async () => {
    const slow = await terminal({ latency: { default: 400 } })
    const { devices, checks } = rig()
    devices.add('quick', await terminal())
    devices.add('slow', slow)
    const gone = new AbortController()
    const seen: string[] = []
    for await (const report of checks.status.each({}, gone.signal)) {
      seen.push(report.id)
      gone.abort()
    }
    expect(seen).toEqual(['quick'])
  })

  it('does not queue behind an enrolment: a busy device gets its last report, marked busy', async () => {
    const t = await terminal()
    const { devices, checks } = rig()
    devices.add('gate', t)
    const first = await checks.status.one('gate')
    t.setLatency('userSearch', 1_500)
    const enrolment = devices.client('gate').searchUsers({ max: 1 })
    const status = await checks.status.one('gate', { refresh: true })
    expect(status).toMatchObject({ busy: true, online: true, checkedAt: first.checkedAt })
    await enrolment
  })

  it('reports no face figures on a door station without a face library', async () => {
    const t = await terminal({ model: 'ds-kv6124-e1', seedUsers: 2 })
    const { devices, checks } = rig()
    devices.add('door', t)
    expect(await checks.status.one('door')).toMatchObject({ online: true, userCount: 2, faceCount: null })
  })
})
