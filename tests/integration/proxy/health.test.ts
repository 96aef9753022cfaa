import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'

describe('a freshly started proxy', () => {
  let proxy: RunningProxy
  beforeAll(async () => {
    proxy = await startProxy()
  })
  afterAll(() => proxy?.stop())

  it('answers /api/health over HTTPS that its own CA vouches for', async () => {
    const response = await proxy.fetch('/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ ok: true, version: expect.any(String), paired: false })
  })

  it('prints a one-time pairing code and keeps its CA in the data dir', () => {
    expect(proxy.pairingCode).toMatch(/^\d{8}$/)
    expect(proxy.caPem).toContain('BEGIN CERTIFICATE')
  })
})

describe('a proxy told to log only warnings', () => {
  let proxy: RunningProxy
  beforeAll(async () => {
    proxy = await startProxy({ env: { SR_LOG_LEVEL: 'warn' } })
  })
  afterAll(() => proxy?.stop())

  it('still prints its start-up lines, and logs no requests', async () => {
    expect(proxy.pairingCode).toMatch(/^\d{8}$/)
    expect((await proxy.fetch('/api/health')).status).toBe(200)
    expect(proxy.output()).not.toContain('"msg":"request"')
  })
})
