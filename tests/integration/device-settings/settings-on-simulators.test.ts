import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditPage } from '../../../shared/api/audit'
import { DeviceSettings, DoorOpenResult, NtpSettingsResult } from '../../../shared/api/device-settings'
import { TimeSyncResult } from '../../../shared/api/status'
import type { RunningProxy } from '../../helpers/proxy-process'
import type { ModelId } from '../../sim/terminal'
import { call } from '../check/rig'
import { operatorToken } from '../registration/rig'
import { settingsRig, type SettingsRig } from './rig'

const SCHOOL_NTP = 'ntp.maktab.uz'

// One proxy with the school's NTP server configured, and four terminals: the full-featured DS-K1T342MWX,
// the attendance DS-K1A340FWX (no door relay), the DS-K1T341AM (no NTP client) and the door station
// DS-KV6124 (no face library).
describe('device settings through the proxy API, on simulated terminals', () => {
  let rig: SettingsRig
  let proxy: RunningProxy

  beforeAll(async () => {
    rig = await settingsRig(['ds-k1t342mwx', 'ds-k1a340fwx', 'ds-k1t341am', 'ds-kv6124-e1'], {
      env: { SR_NTP_SERVER: SCHOOL_NTP },
      terminal: { seedUsers: 6 },
    })
    proxy = rig.proxy
  })

  afterAll(async () => {
    await rig?.stop()
  })

  const term = (model: ModelId) => rig.term(model)
  const id = (model: ModelId) => rig.id(model)
  const settingsOf = async (model: ModelId) => {
    const answer = await call(proxy, 'GET', `/api/devices/${id(model)}/settings`)
    expect(answer.status).toBe(200)
    return DeviceSettings.parse(answer.body)
  }
  const requestsTo = (model: ModelId, pattern: RegExp) =>
    term(model).stats.log.filter((entry) => pattern.test(`${entry.method} ${entry.url}`))

  it('shows every section of a full-featured terminal, read from the device', async () => {
    const settings = await settingsOf('ds-k1t342mwx')
    expect(settings.overview).toMatchObject({
      model: 'DS-K1T342MWX',
      firmwareVersion: 'V3.16.1',
      serialNumber: expect.stringContaining('DS-K1T342MWX'),
      macAddress: 'ac:b9:2f:00:00:00',
    })
    expect(settings.capacity).toEqual({ users: { used: 6, max: 1500 }, faces: { used: 4, max: 1500 } })
    expect(settings.time).toMatchObject({
      supported: true,
      timeModes: ['NTP', 'manual'],
      clock: { timeMode: 'NTP' },
      ntp: { supported: true, servers: [{ id: '1', server: 'time.windows.com', portNo: 123 }] },
    })
    expect(settings.network).toMatchObject({
      supported: true,
      interfaces: [{ ipAddress: '127.0.0.1', macAddress: 'ac:b9:2f:00:00:00', gateway: '127.0.0.254' }],
    })
    expect(settings.eventHost).toMatchObject({ supported: true, webhook: { gap: 'no_backend', slots: 2 } })
    expect(settings.faceLibrary).toEqual({
      supported: true,
      faces: 4,
      capacity: 1500,
      faceLibType: 'blackFD',
    })
    expect(settings.door).toEqual({ supported: true, doors: 1 })
    expect(settings.schoolNtpServer).toBe(SCHOOL_NTP)
  })

  it('marks what a model lacks as not supported, with the reason, after probing its capabilities', async () => {
    const attendance = await settingsOf('ds-k1a340fwx')
    expect(attendance.door).toMatchObject({
      supported: false,
      reason: 'not_supported',
      detail: expect.stringContaining('isSupportRemoteControlDoor false'),
    })
    expect(attendance.time).toMatchObject({ supported: true, ntp: { supported: true } })

    term('ds-k1t341am').resetStats()
    const noNtp = await settingsOf('ds-k1t341am')
    expect(noNtp.time).toMatchObject({
      supported: true,
      timeModes: ['manual'],
      ntp: {
        supported: false,
        reason: 'not_supported',
        detail: expect.stringContaining('isSupportNtp false'),
      },
    })
    // the capability said no: the NTP endpoints were never asked
    expect(requestsTo('ds-k1t341am', /ntpServers/)).toEqual([])
    expect(noNtp.door).toMatchObject({ supported: true })

    const station = await settingsOf('ds-kv6124-e1')
    expect(station.faceLibrary).toMatchObject({ supported: false, reason: 'not_supported' })
  })

  it('writes the NTP server and reads it back', async () => {
    const answer = await call(proxy, 'PUT', `/api/devices/${id('ds-k1t342mwx')}/settings/ntp`, {
      server: '10.0.0.5',
      synchronizeIntervalMin: 60,
    })
    expect(answer.status).toBe(200)
    const result = NtpSettingsResult.parse(answer.body)
    expect(result.before?.server.server).toBe('time.windows.com')
    expect(result.after).toMatchObject({
      server: { server: '10.0.0.5', portNo: 123, synchronizeIntervalMin: 60 },
      timeMode: 'NTP',
    })
    expect(term('ds-k1t342mwx').state.ntpServers).toEqual([
      expect.objectContaining({
        addressingFormatType: 'ipaddress',
        ipAddress: '10.0.0.5',
        synchronizeInterval: 60,
      }),
    ])
  })

  it('puts the snapshot back when the device answers OK but keeps nothing, and says device_not_applied', async () => {
    const t = term('ds-k1a340fwx')
    t.state.clock = { ...t.state.clock, timeMode: 'manual' }
    const snapshot = { ntpServers: structuredClone(t.state.ntpServers), timeMode: t.state.clock.timeMode }
    t.setFault('ntpServer', { kind: 'not-applied' })
    t.resetStats()
    try {
      const answer = await call<{ error: { code: string; details: { restored: boolean } } }>(
        proxy,
        'PUT',
        `/api/devices/${id('ds-k1a340fwx')}/settings/ntp`,
        { server: 'pool.ntp.org', timeMode: 'NTP' },
      )
      expect(answer.status).toBe(502)
      expect(answer.body.error).toMatchObject({ code: 'device_not_applied', details: { restored: true } })
    } finally {
      t.clearFaults()
    }
    expect({ ntpServers: t.state.ntpServers, timeMode: t.state.clock.timeMode }).toEqual(snapshot)
    // the time mode had been switched to NTP, and was switched back (Digest challenges not counted)
    const answered = requestsTo('ds-k1a340fwx', /^PUT \/ISAPI\/System\/time$/).filter((e) => e.status !== 401)
    expect(answered).toHaveLength(2)
  })

  it('refuses an NTP write on a model without NTP, and bad input, before writing', async () => {
    term('ds-k1t341am').resetStats()
    const refused = await call(proxy, 'PUT', `/api/devices/${id('ds-k1t341am')}/settings/ntp`, {
      server: 'pool.ntp.org',
    })
    expect(refused).toMatchObject({
      status: 422,
      body: { error: { code: 'device_rejected', subStatusCode: 'notSupport' } },
    })
    const bad = await call(proxy, 'PUT', `/api/devices/${id('ds-k1t342mwx')}/settings/ntp`, {
      server: 'not a host!',
    })
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } })
    expect(requestsTo('ds-k1t341am', /^PUT /)).toEqual([])
  })

  it('sets the clock and the school NTP server where the model has NTP', async () => {
    const t = term('ds-kv6124-e1')
    t.state.clock = { ...t.state.clock, offsetMs: -120_000 }
    const answer = await call(proxy, 'POST', `/api/devices/${id('ds-kv6124-e1')}/time/sync`)
    expect(answer.status).toBe(200)
    const result = TimeSyncResult.parse(answer.body)
    expect(Math.abs(result.timeDriftSec)).toBeLessThanOrEqual(1)
    expect(result.ntp).toEqual({ status: 'set', server: SCHOOL_NTP, timeMode: 'NTP' })
    expect(t.state.ntpServers[0]).toMatchObject({ addressingFormatType: 'hostname', hostName: SCHOOL_NTP })
    expect(t.state.clock).toMatchObject({ timeMode: 'NTP', timeZone: 'CST-5:00:00' })
  })

  it('sets only the clock where the model has no NTP', async () => {
    const t = term('ds-k1t341am')
    t.state.clock = { ...t.state.clock, offsetMs: 300_000 }
    t.resetStats()
    const answer = await call(proxy, 'POST', `/api/devices/${id('ds-k1t341am')}/time/sync`)
    expect(answer.status).toBe(200)
    const result = TimeSyncResult.parse(answer.body)
    expect(Math.abs(result.timeDriftSec)).toBeLessThanOrEqual(1)
    expect(result.ntp).toEqual({ status: 'not_supported' })
    expect(requestsTo('ds-k1t341am', /ntpServers/)).toEqual([])
    expect(t.state.clock.timeMode).toBe('manual')
  })

  it('sends the door open command, and refuses a model without a relay before sending', async () => {
    const answer = await call(proxy, 'POST', `/api/devices/${id('ds-k1t342mwx')}/door/open`)
    expect(answer.status).toBe(200)
    expect(DoorOpenResult.parse(answer.body)).toEqual({
      doorId: 1,
      command: 'open',
      sent: true,
      readBack: false,
    })
    expect(term('ds-k1t342mwx').state.doorCommands).toEqual([
      expect.objectContaining({ doorId: 1, cmd: 'open' }),
    ])

    term('ds-k1a340fwx').resetStats()
    const refused = await call(proxy, 'POST', `/api/devices/${id('ds-k1a340fwx')}/door/open`, { doorId: 1 })
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'device_rejected' } } })
    expect(requestsTo('ds-k1a340fwx', /RemoteControl/)).toEqual([])
  })

  it('records the NTP write, with the settings before and after, and the door test in the audit log', async () => {
    const page = AuditPage.parse((await call(proxy, 'GET', '/api/audit?limit=200')).body)
    const gate = id('ds-k1t342mwx')
    const ntp = page.data.find(
      (entry) => entry.action === 'device.settings.ntp' && entry.result === 'ok' && entry.target?.id === gate,
    )
    expect(ntp?.route).toBe('PUT /api/devices/:id/settings/ntp')
    expect(JSON.stringify(ntp?.before)).toContain('time.windows.com')
    expect(JSON.stringify(ntp?.after)).toContain('10.0.0.5')
    const door = page.data.find((entry) => entry.action === 'device.door.open' && entry.target?.id === gate)
    expect(door).toMatchObject({ result: 'ok', route: 'POST /api/devices/:id/door/open' })
    const refused = page.data.find(
      (entry) => entry.action === 'device.door.open' && entry.target?.id === id('ds-k1a340fwx'),
    )
    expect(refused).toMatchObject({ result: 'failed', error: { code: 'device_rejected' } })
  })

  it('refuses an operator the settings: no reading, no NTP write, no door test (403)', async () => {
    const token = await operatorToken(proxy)
    const as = (method: string, path: string, body?: unknown) =>
      proxy.fetch(path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const device = id('ds-k1t342mwx')
    expect((await as('GET', `/api/devices/${device}/settings`)).status).toBe(403)
    const ntp = await as('PUT', `/api/devices/${device}/settings/ntp`, { server: 'pool.ntp.org' })
    expect(ntp.status).toBe(403)
    expect(((await ntp.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    expect((await as('POST', `/api/devices/${device}/door/open`)).status).toBe(403)
    expect(term('ds-k1t342mwx').state.doorCommands).toHaveLength(1)
  })

  it('answers an offline device with device_unreachable', async () => {
    const t = term('ds-kv6124-e1')
    await t.setOffline(true)
    try {
      const answer = await call(proxy, 'GET', `/api/devices/${id('ds-kv6124-e1')}/settings`)
      expect(answer).toMatchObject({ status: 504, body: { error: { code: 'device_unreachable' } } })
    } finally {
      await t.setOffline(false)
    }
  })
})
