import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../../proxy/config'
import { compareClock } from '../../../../proxy/domain/device-time/device-clock'
import { utcOffsetMinutesAt } from '../../../../proxy/domain/device-time/school-zone'
import { failure, rig, terminal } from './status-fixture'

const NOV = Date.parse('2026-11-25T09:00:00Z')
const JUL = Date.parse('2026-07-01T09:00:00Z')

describe('the school time zone', () => {
  it('gives the UTC offset of the day, summer time included', () => {
    expect(utcOffsetMinutesAt('Asia/Tashkent', NOV)).toBe(300)
    expect(utcOffsetMinutesAt('America/Cuiaba', NOV)).toBe(-240)
    expect(utcOffsetMinutesAt('Europe/Berlin', NOV)).toBe(60)
    expect(utcOffsetMinutesAt('Europe/Berlin', JUL)).toBe(120)
    expect(utcOffsetMinutesAt('UTC', JUL)).toBe(0)
    expect(utcOffsetMinutesAt('Asia/Kolkata', JUL)).toBe(330)
  })

  it('is Asia/Tashkent unless SR_TIMEZONE says otherwise, and a wrong name is refused', () => {
    expect(loadConfig({}, '/tmp').timeZone).toBe('Asia/Tashkent')
    expect(loadConfig({ SR_TIMEZONE: 'Asia/Samarkand' }, '/tmp').timeZone).toBe('Asia/Samarkand')
    expect(() => loadConfig({ SR_TIMEZONE: 'Mars/Olympus' }, '/tmp')).toThrow(/SR_TIMEZONE/)
  })
})

describe('comparing a device clock', () => {
  const read = (localTime: string, timeZone: string) => ({
    timeMode: 'NTP',
    localTime,
    timeZone,
    epochMs: Date.parse(localTime),
    utcOffsetMinutes: timeZone === 'CST-5:00:00' ? 300 : timeZone === 'CST+5:00:00' ? -300 : null,
  })

  it('reads the inverted POSIX sign: CST-5:00:00 is Tashkent', () => {
    const clock = compareClock(read('2026-11-25T14:00:00+05:00', 'CST-5:00:00'), NOV, 'Asia/Tashkent')
    expect(clock).toMatchObject({ driftSec: 1, zoneMatches: true, warning: false, utcOffsetMinutes: 300 })
  })

  it('flags CST+5:00:00 (UTC−5) as the wrong zone even when the instant is right', () => {
    const clock = compareClock(read('2026-11-25T04:00:00-05:00', 'CST+5:00:00'), NOV, 'Asia/Tashkent')
    expect(clock).toMatchObject({ zoneMatches: false, warning: true, expectedUtcOffsetMinutes: 300 })
    expect(Math.abs(clock.driftSec)).toBeLessThanOrEqual(1)
  })

  it('warns beyond 30 s either way, not at 30 s', () => {
    const at = (sec: number) =>
      compareClock(read(new Date(NOV + sec * 1000).toISOString(), 'CST-5:00:00'), NOV + 500, 'Asia/Tashkent')
    expect(at(30)).toMatchObject({ driftSec: 30, warning: false })
    expect(at(31)).toMatchObject({ driftSec: 31, warning: true })
    expect(at(-31)).toMatchObject({ driftSec: -31, warning: true })
  })

  it('uses the offset printed in localTime when the zone string is unreadable', () => {
    const clock = compareClock(read('2026-11-25T14:00:00+05:00', ''), NOV, 'Asia/Tashkent')
    expect(clock).toMatchObject({ utcOffsetMinutes: 300, zoneMatches: true })
  })

  it('refuses a clock that is not a time', async () => {
    const error = await failure(
      Promise.resolve().then(() =>
        compareClock({ ...read('garbage', 'CST-5:00:00'), epochMs: null }, NOV, 'Asia/Tashkent'),
      ),
    )
    expect(error.code).toBe('device_bad_response')
  })
})

describe('device clocks on simulated terminals', () => {
  it('finds a drifted clock and sets it right, in the school zone and manual mode', async () => {
    const t = await terminal({ model: 'ds-k1t342mwx', clockDriftSec: -95 })
    const { devices, checks } = rig()
    devices.add('gate', t)

    const before = await checks.clocks.read('gate')
    expect(before.timeZone).toBe('CST+4:00:00')
    expect(before.utcOffsetMinutes).toBe(-240)
    expect(before.driftSec).toBeGreaterThanOrEqual(-96)
    expect(before.driftSec).toBeLessThanOrEqual(-94)
    expect(before).toMatchObject({ zoneMatches: false, warning: true })

    const synced = await checks.clocks.sync('gate')
    expect(Math.abs(synced.timeDriftSec)).toBeLessThanOrEqual(1)
    expect(synced.previousTimeMode).toBe('NTP')
    expect(synced.clock).toMatchObject({ timeZone: 'CST-5:00:00', timeMode: 'manual', zoneMatches: true })
    expect(synced.clock.deviceTime).toMatch(/\+05:00$/)
    expect(t.state.clock.timeZone).toBe('CST-5:00:00')

    const after = await checks.clocks.read('gate')
    expect(after).toMatchObject({ zoneMatches: true, warning: false })
  })

  it('calls it a failure when the device says OK but keeps its old clock', async () => {
    const t = await terminal({ model: 'ds-k1t341am', clockDriftSec: 600 })
    const { devices, checks } = rig()
    devices.add('gate', t)
    t.setFault('time', { kind: 'not-applied' })
    const error = await failure(checks.clocks.sync('gate'))
    expect(error.code).toBe('device_rejected')
    expect(error.message).toMatch(/still reads/)
  })

  it('passes on the device error when it refuses the new time', async () => {
    const t = await terminal({ model: 'ds-k1t341am' })
    const { devices, checks } = rig()
    devices.add('gate', t)
    t.setFault('time', { kind: 'error', subStatusCode: 'badXmlContent', errorMsg: 'localTime' })
    const error = await failure(checks.clocks.sync('gate'))
    expect(error.code).toBe('device_rejected')
    expect(error.extra.subStatusCode).toBe('badXmlContent')
  })

  it('reports an unreachable device as device_unreachable, and an unknown one as not_found', async () => {
    const t = await terminal()
    const { devices, checks } = rig()
    devices.add('gate', t)
    await t.setOffline(true)
    expect((await failure(checks.clocks.sync('gate'))).code).toBe('device_unreachable')
    expect((await failure(checks.clocks.read('nope'))).code).toBe('not_found')
  })
})
