import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerLogPage } from '../../../shared/api/audit'
import { Settings } from '../../../shared/api/settings'
import { AuditRepo, type NewAuditRecord } from '../../../proxy/store/audit-repo'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { addLog } from '../../sim/backend/model'
import { proxyFor } from '../check/rig'
import { operatorToken } from '../registration/rig'
import { auditPage, send } from './rig'

const DAY_MS = 86_400_000

/** An entry written straight into the proxy's database, as if made `daysAgo` days ago. */
function insertOld(proxy: RunningProxy, daysAgo: number, label: string): void {
  const db = new Database(join(proxy.dataDir, 'proxy.sqlite'))
  try {
    const record: NewAuditRecord = {
      at: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
      actor: { name: 'Eski planshet', role: 'admin', tokenId: null },
      action: 'device.update',
      route: 'PATCH /api/devices/:id',
      target: { type: 'device', id: `old-${daysAgo}`, label },
      result: 'ok',
      status: 200,
      error: null,
      before: null,
      after: null,
      input: null,
      retryOf: null,
    }
    new AuditRepo(db).insert(record)
  } finally {
    db.close()
  }
}

async function labels(proxy: RunningProxy): Promise<string[]> {
  const page = await auditPage(proxy, { actor: 'Eski planshet', limit: '200' })
  return page.data.map((entry) => entry.target?.label ?? '')
}

describe('audit retention', () => {
  let proxy: RunningProxy

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off' })
  })
  afterAll(async () => {
    await proxy?.stop()
  })

  it('keeps 180 days by default; a shorter setting prunes at once and wins over the environment at restart', async () => {
    expect((await send(proxy, 'GET', '/api/settings')).body).toEqual({ auditRetentionDays: 180 })
    insertOld(proxy, 200, 'two hundred days')
    insertOld(proxy, 40, 'forty days')
    insertOld(proxy, 1, 'yesterday')
    expect(await labels(proxy)).toEqual(['yesterday', 'forty days', 'two hundred days'])

    const changed = await send(proxy, 'PUT', '/api/settings', { auditRetentionDays: 30 })
    expect(changed).toEqual({ status: 200, body: { auditRetentionDays: 30 } })
    expect(await labels(proxy)).toEqual(['yesterday'])
    expect((await auditPage(proxy, { action: 'settings.update' })).data[0]).toMatchObject({
      result: 'ok',
      before: { auditRetentionDays: 180 },
      after: { auditRetentionDays: 30 },
    })

    await proxy.stop()
    insertOld(proxy, 35, 'thirty-five days')
    proxy = await startProxy({ tls: 'off', dataDir: proxy.dataDir, env: { SR_AUDIT_RETENTION_DAYS: '90' } })
    expect(Settings.parse((await send(proxy, 'GET', '/api/settings')).body).auditRetentionDays).toBe(30)
    expect(await labels(proxy)).toEqual(['yesterday'])
  }, 60_000)

  it('refuses a retention out of range and a setting change by an operator', async () => {
    expect(await send(proxy, 'PUT', '/api/settings', { auditRetentionDays: 0 })).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', field: 'auditRetentionDays' } },
    })
    const operator = await operatorToken(proxy)
    expect((await send(proxy, 'PUT', '/api/settings', { auditRetentionDays: 5 }, operator)).status).toBe(403)
    expect((await send(proxy, 'GET', '/api/settings', undefined, operator)).status).toBe(403)
    expect((await auditPage(proxy, { action: 'settings.update', result: 'refused' })).total).toBe(2)
  })
})

describe("the school server's provisioning logs beside the trail", () => {
  let backend: SimBackend
  let proxy: RunningProxy

  beforeAll(async () => {
    backend = await startBackend()
    proxy = await proxyFor(backend)
    addLog(backend.state, {
      schoolId: backend.schoolId,
      level: 'INFO',
      eventType: 'PROVISIONING_START',
      message: 'Aziza Karimova provisioning started',
    })
    addLog(backend.state, {
      schoolId: backend.schoolId,
      level: 'ERROR',
      eventType: 'DEVICE_RESULT',
      status: 'FAILED',
      message: 'Kirish terminali javob bermadi',
    })
  }, 60_000)
  afterAll(async () => {
    await proxy?.stop()
    await backend?.close()
  })

  it('passes the filters to the school server and shows its answer', async () => {
    const all = ServerLogPage.parse((await send(proxy, 'GET', '/api/provisioning-logs')).body)
    expect(all).toMatchObject({ available: true, total: 2, page: 1, limit: 50 })
    const errors = ServerLogPage.parse(
      (await send(proxy, 'GET', '/api/provisioning-logs?level=ERROR&q=terminali&limit=10')).body,
    )
    expect(errors).toMatchObject({
      available: true,
      total: 1,
      limit: 10,
      data: [
        {
          level: 'ERROR',
          eventType: 'DEVICE_RESULT',
          status: 'FAILED',
          message: 'Kirish terminali javob bermadi',
        },
      ],
    })
    const asked = backend.calls.filter((call) => call.path.endsWith('/provisioning-logs')).at(-1)
    expect(asked?.query).toMatchObject({ level: 'ERROR', q: 'terminali', limit: '10', page: '1' })
  })

  it('answers "not reachable" instead of an error when the school server is down', async () => {
    await backend.setMode('down')
    const answer = await send(proxy, 'GET', '/api/provisioning-logs')
    expect(answer.status).toBe(200)
    expect(ServerLogPage.parse(answer.body)).toMatchObject({ available: false, reason: 'unreachable' })
    await backend.setMode('up')
  })

  it('is for admins only', async () => {
    const operator = await operatorToken(proxy)
    expect((await send(proxy, 'GET', '/api/provisioning-logs', undefined, operator)).status).toBe(403)
  })
})
