import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditPage } from '../../../shared/api/audit'
import { ExpertDocument, ExpertResourceList, ExpertWriteResult } from '../../../shared/api/device-settings'
import type { RunningProxy } from '../../helpers/proxy-process'
import type { ModelId } from '../../sim/terminal'
import { call } from '../check/rig'
import { operatorToken } from '../registration/rig'
import { settingsRig, type SettingsRig } from './rig'

const CARD_READER = '/ISAPI/AccessControl/CardReaderCfg/1?format=json'
const DOOR = '/ISAPI/AccessControl/Door/param/1'

describe('the expert editor: listed resources only, written with read-back, restore and audit', () => {
  let rig: SettingsRig
  let proxy: RunningProxy

  beforeAll(async () => {
    rig = await settingsRig(['ds-k1t342mwx', 'ds-kv6124-e1'])
    proxy = rig.proxy
  })

  afterAll(async () => {
    await rig?.stop()
  })

  const term = (model: ModelId) => rig.term(model)
  const base = (model: ModelId) => `/api/devices/${rig.id(model)}/settings/expert`
  const open = (model: ModelId, path: string) =>
    call(proxy, 'GET', `${base(model)}/document?path=${encodeURIComponent(path)}`)
  const save = (model: ModelId, path: string, text: string) =>
    call<{
      error?: { code: string; field?: string; subStatusCode?: string; details?: Record<string, unknown> }
    }>(proxy, 'PUT', base(model), { path, text })

  it('lists only what the capability documents name, per model, and never the network address', async () => {
    const full = ExpertResourceList.parse((await call(proxy, 'GET', base('ds-k1t342mwx'))).body).resources
    const paths = full.map((entry) => entry.path)
    expect(paths).toEqual(expect.arrayContaining([DOOR, CARD_READER, '/ISAPI/System/time']))
    expect(paths).not.toContain('/ISAPI/AccessControl/FaceCompareCond')
    expect(paths.some((path) => path.includes('Network'))).toBe(false)
    const station = ExpertResourceList.parse((await call(proxy, 'GET', base('ds-kv6124-e1'))).body).resources
    expect(station.map((entry) => entry.path)).not.toContain(DOOR)
    expect(station.map((entry) => entry.path)).not.toContain(CARD_READER)
  })

  it('opens a listed resource as the device keeps it (JSON and XML)', async () => {
    const json = ExpertDocument.parse((await open('ds-k1t342mwx', CARD_READER)).body)
    expect(json.format).toBe('json')
    expect(JSON.parse(json.text)).toMatchObject({ CardReaderCfg: { faceMatchThresholdN: 87 } })
    const xml = ExpertDocument.parse((await open('ds-k1t342mwx', DOOR)).body)
    expect(xml.format).toBe('xml')
    expect(xml.text).toMatch(/<DoorParam [^>]*>[\s\S]*<openDuration>5<\/openDuration>/)
  })

  it('refuses paths the device does not list, outside /ISAPI/, or aimed at another host, before asking', async () => {
    term('ds-k1t342mwx').resetStats()
    for (const path of [
      '/ISAPI/System/Network/interfaces/1/ipAddress',
      '/ISAPI/AccessControl/FaceCompareCond',
      '/ISAPI/../etc/passwd',
      'http://127.0.0.9/ISAPI/System/time',
      '//127.0.0.9/ISAPI/System/time',
      '/LOCALS/pic/enrlFace/0/0000000001.jpg',
      '/ISAPI/System/time?format=json&x=1',
    ]) {
      const read = await open('ds-k1t342mwx', path)
      expect(read, path).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } })
      const written = await save('ds-k1t342mwx', path, '<Time/>')
      expect(written.status, path).toBe(400)
    }
    expect(
      term('ds-k1t342mwx').stats.log.filter(
        (entry) => entry.op !== 'systemCaps' && entry.op !== 'accessCaps',
      ),
    ).toEqual([])
    expect((await open('ds-kv6124-e1', DOOR)).status).toBe(400)
  })

  it('writes an edited document, reads it back and answers the snapshot for one-tap restore', async () => {
    const current = ExpertDocument.parse((await open('ds-k1t342mwx', DOOR)).body)
    const edited = current.text.replace('<openDuration>5</openDuration>', '<openDuration>12</openDuration>')
    const answer = await save('ds-k1t342mwx', DOOR, edited)
    expect(answer.status).toBe(200)
    const result = ExpertWriteResult.parse(answer.body)
    expect(result.before).toContain('<openDuration>5</openDuration>')
    expect(result.after).toContain('<openDuration>12</openDuration>')
    expect(term('ds-k1t342mwx').state.doorParam).toMatchObject({ openDuration: '12' })
    // one-tap restore is the snapshot sent back the same way
    const restored = await save('ds-k1t342mwx', DOOR, result.before)
    expect(restored.status).toBe(200)
    expect(term('ds-k1t342mwx').state.doorParam).toMatchObject({ openDuration: '5' })
  })

  it('refuses a document that does not parse or changes the root, and passes on the device’s reason', async () => {
    expect((await save('ds-k1t342mwx', DOOR, '<DoorParam><openDuration>5')).body.error).toMatchObject({
      code: 'validation_failed',
      field: 'text',
    })
    expect((await save('ds-k1t342mwx', CARD_READER, '{"Other":{}}')).body.error?.field).toBe('text')
    const current = ExpertDocument.parse((await open('ds-k1t342mwx', CARD_READER)).body)
    const tooHigh = current.text.replace('"faceMatchThresholdN": 87', '"faceMatchThresholdN": 140')
    const refused = await save('ds-k1t342mwx', CARD_READER, tooHigh)
    expect(refused).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'device_rejected',
          subStatusCode: 'badJsonContent',
          details: { errorMsg: 'faceMatchThresholdN' },
        },
      },
    })
    expect(term('ds-k1t342mwx').state.cardReader).toMatchObject({ faceMatchThresholdN: 87 })
  })

  it('refuses to write listening slots back without the password of a slot that has a login', async () => {
    const t = term('ds-k1t342mwx')
    const slots = structuredClone(t.state.httpHosts)
    t.state.httpHosts = slots.map((slot) =>
      slot.id === '1' ? { ...slot, httpAuthenticationMethod: 'MD5digest', userName: 'vendor' } : slot,
    )
    try {
      const hosts = ExpertDocument.parse(
        (await open('ds-k1t342mwx', '/ISAPI/Event/notification/httpHosts')).body,
      )
      t.resetStats()
      const answer = await save('ds-k1t342mwx', '/ISAPI/Event/notification/httpHosts', hosts.text)
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } })
      expect(t.stats.log.filter((entry) => entry.method === 'PUT')).toEqual([])
    } finally {
      t.state.httpHosts = slots
    }
  })

  it('puts the snapshot back when the device answers OK but keeps something else', async () => {
    const t = term('ds-k1t342mwx')
    const current = ExpertDocument.parse((await open('ds-k1t342mwx', CARD_READER)).body)
    t.setFault('cardReader', { kind: 'not-applied' }, { method: 'PUT' })
    const answer = await save(
      'ds-k1t342mwx',
      CARD_READER,
      current.text.replace('"liveDetLevelSet": "low"', '"liveDetLevelSet": "high"'),
    )
    t.clearFaults()
    expect(answer.status).toBe(502)
    expect(answer.body.error).toMatchObject({ code: 'device_not_applied', details: { restored: true } })
    expect(String(answer.body.error?.details?.actual)).toContain('"liveDetLevelSet": "low"')
    expect(t.state.cardReader).toMatchObject({ liveDetLevelSet: 'low' })
  })

  it('records each write with the documents before and after; operators get 403', async () => {
    const page = AuditPage.parse((await call(proxy, 'GET', '/api/audit?limit=200')).body)
    const written = page.data.find(
      (entry) => entry.action === 'device.settings.expert' && entry.result === 'ok',
    )
    expect(written?.route).toBe('PUT /api/devices/:id/settings/expert')
    expect(String(written?.before)).toMatch(/openDuration>(5|12)</)
    expect(String(written?.after)).toMatch(/openDuration>(5|12)</)
    const token = await operatorToken(proxy)
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    expect((await proxy.fetch(base('ds-k1t342mwx'), { headers })).status).toBe(403)
    const put = await proxy.fetch(base('ds-k1t342mwx'), {
      method: 'PUT',
      headers,
      body: JSON.stringify({ path: DOOR, text: '<DoorParam/>' }),
    })
    expect(put.status).toBe(403)
  })
})
