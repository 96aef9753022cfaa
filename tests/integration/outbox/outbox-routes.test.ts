import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Outbox } from '../../../proxy/backend/outbox'
import { registrationReports } from '../../../proxy/domain/registration/backend-reports'
import { openDatabase } from '../../../proxy/store/db'
import { OutboxView } from '../../../shared/api/outbox'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'

/** Writes one registration's reports into a data dir, as the registration saga does. */
function seedReports(dataDir: string): string[] {
  const db = openDatabase(dataDir)
  const ids = new Outbox({ db }).enqueue(
    registrationReports({
      clientId: randomUUID(),
      employeeNo: '4820193746',
      student: {
        firstName: 'Oʻgʻiloy',
        lastName: 'Toʻxtayeva',
        gender: 'female',
        classId: 'class-7b',
        faceImageBase64: 'B'.repeat(2_000),
      },
      targetDeviceIds: ['backend-gate'],
      deviceResults: [
        {
          deviceId: 'backend-gate',
          deviceExternalId: 'DS-K1T343',
          deviceName: 'Asosiy kirish',
          deviceType: 'ENTRANCE',
          deviceLocation: null,
          status: 'SUCCESS',
          employeeNoOnDevice: '4820193746',
          error: null,
        },
      ],
    }),
  )
  db.close()
  return ids
}

describe('the outbox API in LAN-only mode (no SR_BACKEND_URL)', () => {
  let proxy: RunningProxy
  let ids: string[]
  const dataDir = mkdtempSync(join(tmpdir(), 'sr-outbox-api-'))

  beforeAll(async () => {
    ids = seedReports(dataDir)
    proxy = await startProxy({ dataDir, tls: 'off' })
  })
  afterAll(() => proxy?.stop())

  it('lists the waiting reports in order, without photos', async () => {
    const response = await proxy.adminFetch('/api/outbox')
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toContain('BBBB')
    const view = OutboxView.parse(JSON.parse(text))
    expect(view).toMatchObject({ delivered: 0, failed: [], mode: 'lan-only' })
    expect(view.pending.map((p) => p.id)).toEqual(ids)
    expect(view.pending[0]).toMatchObject({ kind: 'provision', summary: 'Toʻxtayeva Oʻgʻiloy (4820193746)' })
    expect(view.pending[1]).toMatchObject({ kind: 'device-result', waitingFor: ids[0] })
  })

  it('answers a flush with the pending count and sends nothing', async () => {
    const response = await proxy.adminFetch('/api/outbox/flush', { method: 'POST' })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ pending: 2 })
    const view = OutboxView.parse(await (await proxy.adminFetch('/api/outbox')).json())
    expect(view.pending.every((p) => p.attempts === 0)).toBe(true)
  })

  it('answers 404 not_found for a retry of a report it does not have', async () => {
    const response = await proxy.adminFetch(`/api/outbox/${randomUUID()}/retry`, { method: 'POST' })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('refuses a caller without a token', async () => {
    const response = await proxy.fetch('/api/outbox')
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('still holds every report after kill -9 and a restart', async () => {
    await proxy.kill()
    proxy = await startProxy({ dataDir, tls: 'off' })
    const view = OutboxView.parse(await (await proxy.adminFetch('/api/outbox')).json())
    expect(view.pending.map((p) => p.id)).toEqual(ids)
  })
})
