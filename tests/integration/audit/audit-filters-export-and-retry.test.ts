import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerLogPage, type AuditEntry } from '../../../shared/api/audit'
import type { Device } from '../../../shared/api/devices'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice } from '../check/rig'
import { operatorToken, photo } from '../registration/rig'
import { auditPage, lastEntry, retry, send } from './rig'

// LAN-only proxy (no school server) and one simulated terminal: the admin finds entries by filters and by a
// student's number, exports them for a spreadsheet, and repeats a clock set that failed once the device
// answers again.
describe('reading the audit trail: filters, search, CSV export and retry', () => {
  let proxy: RunningProxy
  let terminal: Terminal
  let device: Device
  const employeeNos: string[] = []

  beforeAll(async () => {
    terminal = await startTerminal({ model: 'ds-k1t342mwx' })
    proxy = await startProxy({ tls: 'off' })
    device = await addDevice(proxy, terminal, 'Asosiy kirish', 'in')
    const face = (await photo(480, 640)).toString('base64')
    for (const [firstName, lastName] of [
      ['Aziza', 'Karimova'],
      ['Bekzod', 'Tursunov'],
    ]) {
      const answer = await send(proxy, 'POST', '/api/registrations', {
        clientId: randomUUID(),
        student: { firstName, lastName },
        face,
        deviceIds: [device.id],
      })
      expect(answer.status, JSON.stringify(answer.body)).toBe(201)
      employeeNos.push((answer.body as { employeeNo: string }).employeeNo)
    }
  }, 60_000)

  afterAll(async () => {
    await proxy?.stop()
    await terminal?.close()
  })

  it('filters by action, result, actor and time, and finds a student by number', async () => {
    const registrations = await auditPage(proxy, { action: 'registration.create' })
    expect(registrations.total).toBe(2)
    expect(registrations.facets.actions).toEqual(
      expect.arrayContaining(['device.create', 'registration.create']),
    )
    expect(registrations.facets.actors).toEqual(['SR_ADMIN_TOKEN'])

    const found = await auditPage(proxy, { q: employeeNos[1] as string })
    expect(found.data.map((entry) => entry.target?.label)).toEqual(['Tursunov Bekzod'])
    expect((await auditPage(proxy, { q: 'karimova' })).data[0]?.target?.id).toBe(employeeNos[0])

    expect((await auditPage(proxy, { result: 'failed' })).total).toBe(0)
    expect((await auditPage(proxy, { actor: 'Kutubxona' })).total).toBe(0)
    const today = new Date().toISOString().slice(0, 10)
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    expect((await auditPage(proxy, { from: today, to: today })).total).toBe(3)
    expect((await auditPage(proxy, { to: yesterday })).total).toBe(0)

    const paged = await auditPage(proxy, { limit: '2', page: '2' })
    expect(paged).toMatchObject({ total: 3, page: 2, limit: 2 })
    expect(paged.data.map((entry) => entry.action)).toEqual(['device.create'])

    const bad = await send(proxy, 'GET', '/api/audit?from=yesterday')
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed', field: 'from' } })
  })

  it('exports the filtered entries as CSV a spreadsheet opens safely', async () => {
    expect(
      (await send(proxy, 'PATCH', `/api/devices/${device.id}`, { name: '=HYPERLINK("x")' })).status,
    ).toBe(200)
    expect((await send(proxy, 'PATCH', `/api/devices/${device.id}`, { name: 'Asosiy kirish' })).status).toBe(
      200,
    )

    const response = await proxy.adminFetch('/api/audit/export.csv?action=device.update')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe(
      'id,time,actor,role,action,targetType,targetId,target,result,errorCode,errorMessage,before,after,retryOf',
    )
    expect(lines).toHaveLength(3)
    // newest first: the rename back, whose target was the formula-looking name, defused with an apostrophe
    expect(lines[1]).toContain(`,device.update,device,${device.id},"'=HYPERLINK(""x"")",ok,`)
    expect(lines[2]).toContain(`,device.update,device,${device.id},Asosiy kirish,ok,`)

    const operator = await operatorToken(proxy)
    const refused = await proxy.fetch('/api/audit/export.csv', {
      headers: { authorization: `Bearer ${operator}` },
    })
    expect(refused.status).toBe(403)
    expect((await send(proxy, 'GET', '/api/audit', undefined, operator)).status).toBe(403)
  })

  it('retries a clock set that failed once the device answers again, and links the retry to it', async () => {
    terminal.setFault('time', { kind: 'garbage' })
    const failed = await send(proxy, 'POST', `/api/devices/${device.id}/time/sync`)
    expect(failed.status).toBeGreaterThanOrEqual(400)
    const original = await lastEntry(proxy, 'device.time.sync', device.id)
    expect(original).toMatchObject({ result: 'failed', retryable: true, target: { label: 'Asosiy kirish' } })
    expect(original.error?.code).toMatch(/^device_/)

    const stillBroken = await retry(proxy, original)
    expect(stillBroken.status).toBeGreaterThanOrEqual(400)
    terminal.clearFaults()
    const retried = await retry(proxy, original)
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    expect(retried.body).toMatchObject({ retryOf: original.id, action: 'device.time.sync' })

    const attempts = (await auditPage(proxy, { action: 'device.time.sync' })).data
    expect(attempts.map((entry) => [entry.result, entry.retryOf])).toEqual([
      ['ok', original.id],
      ['failed', original.id],
      ['failed', null],
    ])
    expect(attempts[0]).toMatchObject({
      route: 'POST /api/audit/:id/retry',
      actor: { name: 'SR_ADMIN_TOKEN', role: 'admin' },
      target: { type: 'device', id: device.id },
      after: { timeDriftSec: expect.any(Number), clock: { timeMode: expect.any(String) } },
    })
    expect(attempts[2]).toMatchObject({ id: original.id, retryable: false })

    const again = await retry(proxy, original)
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } })
  })

  it('refuses to retry what cannot or need not be retried', async () => {
    const created = await lastEntry(proxy, 'device.create')
    expect(created.retryable).toBe(false)
    expect(await retry(proxy, created)).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict' } },
    })
    const refused = await send(proxy, 'POST', '/api/devices', {
      name: 'Tashqi',
      host: '8.8.8.8',
      username: 'a',
      password: 'b',
    })
    expect(refused.status).toBe(403)
    const failedAdd = (await auditPage(proxy, { action: 'device.create', result: 'refused' })).data[0]
    expect(await retry(proxy, failedAdd as AuditEntry)).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', message: expect.stringContaining('cannot be retried') } },
    })
    expect((await retry(proxy, { id: 999999, action: 'device.test', target: null })).status).toBe(404)
  })

  it('says plainly that there is no school server to read logs from', async () => {
    const answer = await send(proxy, 'GET', '/api/provisioning-logs')
    expect(answer.status).toBe(200)
    expect(ServerLogPage.parse(answer.body)).toMatchObject({ available: false, reason: 'not_configured' })
  })
})
