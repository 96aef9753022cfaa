import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditPage } from '../../../shared/api/audit'
import { DeviceSettings, FieldsWriteResult } from '../../../shared/api/device-settings'
import type { RunningProxy } from '../../helpers/proxy-process'
import type { ModelId } from '../../sim/terminal'
import { call } from '../check/rig'
import { operatorToken } from '../registration/rig'
import { settingsRig, type SettingsRig } from './rig'

interface ErrorAnswer {
  error: { code: string; subStatusCode?: string; field?: string; details: Record<string, unknown> }
}

// The DS-K1T342MWX has every section; the DS-K1A340FWX has door parameters and face recognition but no
// verification mode nor event subscription; the DS-KV6124 door station has none of the three.
describe('door, face-recognition and event settings written safely on simulated terminals', () => {
  let rig: SettingsRig
  let proxy: RunningProxy

  beforeAll(async () => {
    rig = await settingsRig(['ds-k1t342mwx', 'ds-k1a340fwx', 'ds-kv6124-e1'])
    proxy = rig.proxy
  })

  afterAll(async () => {
    await rig?.stop()
  })

  const term = (model: ModelId) => rig.term(model)
  const id = (model: ModelId) => rig.id(model)
  const settingsOf = async (model: ModelId) =>
    DeviceSettings.parse((await call(proxy, 'GET', `/api/devices/${id(model)}/settings`)).body)
  const write = (model: ModelId, section: string, values: Record<string, unknown>) =>
    call<unknown>(proxy, 'PUT', `/api/devices/${id(model)}/settings/${section}`, { values })
  const puts = (model: ModelId) => term(model).stats.log.filter((entry) => entry.method === 'PUT')

  it('shows each section with the device’s ranges, or says plainly the model lacks it', async () => {
    const full = await settingsOf('ds-k1t342mwx')
    expect(full.doorParams).toMatchObject({
      supported: true,
      fields: [
        { key: 'openDuration', kind: 'int', value: 5, min: 1, max: 255 },
        { key: 'magneticType', kind: 'enum', value: 'alwaysClose', options: ['alwaysClose', 'alwaysOpen'] },
        { key: 'magneticAlarmTimeout', kind: 'int', value: 0, min: 0, max: 255 },
        { key: 'defaultVerifyMode', kind: 'enum', value: 'faceOrFpOrCardOrPw' },
      ],
    })
    expect(full.faceRecognition).toMatchObject({
      supported: true,
      fields: [
        { key: 'faceMatchThresholdN', value: 87, min: 0, max: 100 },
        { key: 'faceMatchThreshold1', value: 60, min: 0, max: 100 },
        { key: 'livingBodyDetect', kind: 'bool', value: true },
        { key: 'liveDetLevelSet', kind: 'enum', value: 'low', options: ['low', 'middle', 'high'] },
      ],
    })
    expect(full.eventTypes).toMatchObject({
      supported: true,
      fields: [
        {
          key: 'eventTypes',
          kind: 'set',
          value: ['AccessControllerEvent', 'IDCardInfoEvent', 'QRCodeEvent'],
        },
      ],
    })

    const attendance = await settingsOf('ds-k1a340fwx')
    expect(attendance.doorParams.supported && attendance.doorParams.fields.map((f) => f.key)).toEqual([
      'openDuration',
      'magneticType',
      'magneticAlarmTimeout',
    ])
    expect(attendance.faceRecognition).toMatchObject({ supported: true })
    expect(attendance.eventTypes).toMatchObject({ supported: false, reason: 'not_supported' })

    const station = await settingsOf('ds-kv6124-e1')
    expect(station.doorParams).toMatchObject({ supported: false, reason: 'not_supported' })
    expect(station.faceRecognition).toMatchObject({ supported: false, reason: 'not_supported' })
    expect(station.eventTypes).toMatchObject({ supported: false, reason: 'not_supported' })
  })

  it('writes the door’s open duration, magnetic contact and verification mode, and reads them back', async () => {
    const answer = await write('ds-k1t342mwx', 'door', {
      openDuration: 8,
      magneticType: 'alwaysOpen',
      defaultVerifyMode: 'faceOrCard',
    })
    expect(answer.status).toBe(200)
    expect(FieldsWriteResult.parse(answer.body)).toEqual({
      before: {
        openDuration: 5,
        magneticType: 'alwaysClose',
        magneticAlarmTimeout: 0,
        defaultVerifyMode: 'faceOrFpOrCardOrPw',
      },
      after: {
        openDuration: 8,
        magneticType: 'alwaysOpen',
        magneticAlarmTimeout: 0,
        defaultVerifyMode: 'faceOrCard',
      },
      verified: true,
    })
    expect(term('ds-k1t342mwx').state.doorParam).toMatchObject({
      openDuration: '8',
      magneticType: 'alwaysOpen',
    })
    expect(term('ds-k1t342mwx').state.cardReader).toMatchObject({ defaultVerifyMode: 'faceOrCard' })
  })

  it('refuses values off the device’s range, or a setting the model lacks, before sending', async () => {
    term('ds-k1a340fwx').resetStats()
    const long = await write('ds-k1a340fwx', 'door', { openDuration: 300 })
    expect(long).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', field: 'openDuration' } },
    })
    const mode = await write('ds-k1a340fwx', 'door', { defaultVerifyMode: 'face' })
    expect(mode).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', field: 'defaultVerifyMode' } },
    })
    const level = await write('ds-k1a340fwx', 'face', { liveDetLevelSet: 'extreme' })
    expect(level).toMatchObject({ status: 400, body: { error: { field: 'liveDetLevelSet' } } })
    expect(puts('ds-k1a340fwx')).toEqual([])
    term('ds-kv6124-e1').resetStats()
    for (const section of ['door', 'face', 'events']) {
      const lacking = await write('ds-kv6124-e1', section, { openDuration: 5 })
      expect(lacking).toMatchObject({
        status: 422,
        body: { error: { code: 'device_rejected', subStatusCode: 'notSupport' } },
      })
    }
    expect(puts('ds-kv6124-e1')).toEqual([])
  })

  it('writes face thresholds and liveness within the capability ranges and reads them back', async () => {
    const answer = await write('ds-k1a340fwx', 'face', {
      faceMatchThresholdN: 92,
      livingBodyDetect: false,
      liveDetLevelSet: 'high',
    })
    expect(answer.status).toBe(200)
    expect(FieldsWriteResult.parse(answer.body).after).toMatchObject({
      faceMatchThresholdN: 92,
      faceMatchThreshold1: 60,
      livingBodyDetect: false,
      liveDetLevelSet: 'high',
    })
    expect(term('ds-k1a340fwx').state.cardReader).toMatchObject({
      faceMatchThresholdN: 92,
      livingBodyDetect: false,
      liveDetLevelSet: 'high',
    })
  })

  it('chooses which notifications the terminal posts, only among those its capabilities list', async () => {
    const answer = await write('ds-k1t342mwx', 'events', { eventTypes: ['AccessControllerEvent'] })
    expect(answer.status).toBe(200)
    expect(FieldsWriteResult.parse(answer.body)).toMatchObject({
      before: { eventTypes: ['AccessControllerEvent', 'IDCardInfoEvent', 'QRCodeEvent'] },
      after: { eventTypes: ['AccessControllerEvent'] },
    })
    const slot = term('ds-k1t342mwx').state.httpHosts.find((host) => host.subscribeEvent)
    expect(slot?.subscribeEvent).toEqual({
      heartbeat: 30,
      eventMode: 'list',
      types: ['AccessControllerEvent'],
    })
    const unknown = await write('ds-k1t342mwx', 'events', { eventTypes: ['DoorbellEvent'] })
    expect(unknown).toMatchObject({ status: 400, body: { error: { field: 'eventTypes' } } })
    const none = await write('ds-k1t342mwx', 'events', { eventTypes: [] })
    expect(none).toMatchObject({ status: 400, body: { error: { field: 'eventTypes' } } })
  })

  it('leaves a listening slot with a login alone: its password is never read back, a write would erase it', async () => {
    const t = term('ds-k1t342mwx')
    const slots = structuredClone(t.state.httpHosts)
    t.state.httpHosts = slots.map((slot) =>
      slot.subscribeEvent ? { ...slot, httpAuthenticationMethod: 'MD5digest', userName: 'vendor' } : slot,
    )
    t.resetStats()
    try {
      const answer = await write('ds-k1t342mwx', 'events', { eventTypes: ['QRCodeEvent'] })
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } })
      expect(puts('ds-k1t342mwx')).toEqual([])
    } finally {
      t.state.httpHosts = slots
    }
  })

  it('puts the snapshot back when the device answers OK and keeps nothing (device_not_applied)', async () => {
    const t = term('ds-k1a340fwx')
    const before = structuredClone(t.state.doorParam)
    t.setFault('doorParam', { kind: 'not-applied' }, { method: 'PUT' })
    const answer = await write('ds-k1a340fwx', 'door', { openDuration: 20 })
    t.clearFaults()
    expect(answer.status).toBe(502)
    expect((answer.body as ErrorAnswer).error).toMatchObject({
      code: 'device_not_applied',
      details: {
        restored: true,
        before: { openDuration: 5 },
        actual: { openDuration: 5 },
        expected: { openDuration: 20 },
      },
    })
    expect(t.state.doorParam).toEqual(before)
  })

  it('puts the door parameters back when the verification mode is refused, and gives the device’s reason', async () => {
    const t = term('ds-k1t342mwx')
    const door = structuredClone(t.state.doorParam)
    t.setFault(
      'cardReader',
      { kind: 'error', subStatusCode: 'badJsonContent', errorMsg: 'defaultVerifyMode' },
      { method: 'PUT' },
    )
    const answer = await write('ds-k1t342mwx', 'door', { openDuration: 30, defaultVerifyMode: 'face' })
    t.clearFaults()
    expect(answer).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'device_rejected',
          subStatusCode: 'badJsonContent',
          details: { errorMsg: 'defaultVerifyMode' },
        },
      },
    })
    expect(t.state.doorParam).toEqual(door)
  })

  it('keeps every write in the audit with the values before and after; operators get 403', async () => {
    const page = AuditPage.parse((await call(proxy, 'GET', '/api/audit?limit=200')).body)
    const door = page.data.find((entry) => entry.action === 'device.settings.door' && entry.result === 'ok')
    expect(door).toMatchObject({
      route: 'PUT /api/devices/:id/settings/door',
      before: { openDuration: 5, magneticType: 'alwaysClose' },
      after: { openDuration: 8, magneticType: 'alwaysOpen' },
    })
    const face = page.data.find((entry) => entry.action === 'device.settings.face' && entry.result === 'ok')
    expect(face).toMatchObject({ before: { faceMatchThresholdN: 87 }, after: { faceMatchThresholdN: 92 } })
    const events = page.data.find(
      (entry) => entry.action === 'device.settings.events' && entry.result === 'ok',
    )
    expect(events?.after).toEqual({ eventTypes: ['AccessControllerEvent'] })
    const kept = page.data.find(
      (entry) => entry.action === 'device.settings.door' && entry.error?.code === 'device_not_applied',
    )
    expect(kept).toMatchObject({ before: { openDuration: 5 }, after: { openDuration: 5 } })

    const token = await operatorToken(proxy)
    for (const section of ['door', 'face', 'events']) {
      const response = await proxy.fetch(`/api/devices/${id('ds-k1t342mwx')}/settings/${section}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ values: { openDuration: 9 } }),
      })
      expect(response.status).toBe(403)
    }
    expect(term('ds-k1t342mwx').state.doorParam).toMatchObject({ openDuration: '8' })
  })
})
