import { afterAll, describe, expect, it } from 'vitest'
import { DeviceStatusReport } from '../../../shared/api/status'
import { DeviceWebhook, WebhookUrls } from '../../../shared/api/webhooks'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, call, ErrorBody, proxyFor } from './rig'

describe('webhooks without a backend, and across a restart', () => {
  const closing: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = []
  afterAll(async () => {
    for (const thing of closing.reverse()) await ('stop' in thing ? thing.stop() : thing.close())
  })

  it('says plainly that no school server is configured, and still checks devices', async () => {
    const proxy = await proxyFor(null)
    const t = await startTerminal({ model: 'ds-k1t341am' })
    closing.push(proxy, t)
    const device = await addDevice(proxy, t, 'Kirish', 'in')

    const urls = await call(proxy, 'GET', '/api/webhooks')
    expect(urls.status).toBe(503)
    expect(ErrorBody.parse(urls.body).error).toMatchObject({ code: 'backend_unavailable' })
    expect(ErrorBody.parse(urls.body).error.message).toMatch(/SR_BACKEND_URL/)

    const webhook = DeviceWebhook.parse((await call(proxy, 'GET', `/api/devices/${device.id}/webhook`)).body)
    expect(webhook).toMatchObject({ expected: null, inSync: false, gap: 'no_backend' })
    const status = DeviceStatusReport.parse(
      (await call(proxy, 'GET', `/api/devices/${device.id}/status`)).body,
    )
    expect(status).toMatchObject({ online: true, webhookInSync: null })
    const apply = await call(proxy, 'POST', `/api/devices/${device.id}/webhook/apply`)
    expect(apply).toMatchObject({ status: 503, body: { error: { code: 'backend_unavailable' } } })
  })

  it('serves the kept URLs after a restart while the backend is down', async () => {
    const backend: SimBackend = await startBackend()
    closing.push(backend)
    const first: RunningProxy = await proxyFor(backend)
    const fresh = WebhookUrls.parse((await call(first, 'GET', '/api/webhooks')).body)
    expect(fresh.source).toBe('backend')
    await first.stop()

    await backend.setMode('down')
    const second = await proxyFor(backend, { dataDir: first.dataDir })
    closing.push(second)
    const kept = WebhookUrls.parse((await call(second, 'GET', '/api/webhooks')).body)
    expect(kept).toEqual({ ...fresh, source: 'cache' })

    const t: Terminal = await startTerminal({ model: 'ds-k1t341am' })
    closing.push(t)
    const device = await addDevice(second, t, 'Chiqish', 'out')
    const applied = DeviceWebhook.parse(
      (await call(second, 'POST', `/api/devices/${device.id}/webhook/apply`)).body,
    )
    expect(applied).toMatchObject({ inSync: true, expected: fresh.out })
  })
})
