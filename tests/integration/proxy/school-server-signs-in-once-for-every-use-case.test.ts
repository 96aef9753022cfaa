import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { proxyFor } from '../check/rig'

describe('the proxy and the school server', () => {
  let backend: SimBackend
  let proxy: RunningProxy
  beforeAll(async () => {
    backend = await startBackend({ seed: { students: 4 } })
    proxy = await proxyFor(backend)
  })
  afterAll(async () => {
    await proxy?.stop()
    await backend?.close()
  })

  it('signs in once, whichever pages ask it: students, classes, server logs, the export', async () => {
    const asks = [
      '/api/students?limit=10',
      '/api/classes',
      '/api/provisioning-logs?limit=10',
      '/api/students/export?format=csv',
    ]
    for (const path of asks) expect((await proxy.adminFetch(path)).status, path).toBe(200)
    const used = new Set(backend.calls.map((c) => c.path))
    expect(used.has('/auth/login')).toBe(true)
    expect(used.size).toBeGreaterThan(3)
    expect(backend.calls.filter((c) => c.path.endsWith('/auth/login'))).toHaveLength(1)
  })
})
