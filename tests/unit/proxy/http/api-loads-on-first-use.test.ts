import { afterEach, describe, expect, it, vi } from 'vitest'
import * as api from '../../../../proxy/http/api'
import { createApp } from '../../../../proxy/http/app'
import { admin, testContext } from './test-context'

vi.mock('../../../../proxy/http/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../proxy/http/api')>()
  return { createApi: vi.fn(real.createApi) }
})

const createApi = vi.mocked(api.createApi)

/** "METHOD /path" of what the app has mounted so far, middleware left out. */
function mounted(app: ReturnType<typeof createApp>): string[] {
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))]
}

describe('the API behind the health check', () => {
  afterEach(() => createApi.mockClear())

  it('answers the health check (GET and HEAD) without loading the API', async () => {
    const app = createApp(testContext())
    expect((await app.request('/api/health')).status).toBe(200)
    expect((await app.request('/api/health', { method: 'HEAD' })).status).toBe(200)
    expect(createApi).not.toHaveBeenCalled()
    expect(mounted(app)).toEqual(['GET /api/health'])
  })

  it('loads the API once, on the first other request, and answers every route from then on', async () => {
    const app = createApp(testContext())
    const first = await Promise.all([
      app.request('/api/devices', { headers: admin }),
      app.request('/api/settings', { headers: admin }),
      app.request('/api/devices', { headers: {} }),
    ])
    expect(first.map((response) => response.status)).toEqual([200, 200, 401])
    expect((await app.request('/api/nothing-here', { headers: admin })).status).toBe(404)
    expect((await app.request('/api/health')).status).toBe(200)
    expect(createApi).toHaveBeenCalledTimes(1)
  })

  it('tries the load again on the next request when it failed', async () => {
    createApi.mockImplementationOnce(() => {
      throw new Error('the API could not be built')
    })
    const app = createApp(testContext())
    await expect(app.request('/api/devices', { headers: admin })).rejects.toThrow('could not be built')
    expect((await app.request('/api/devices', { headers: admin })).status).toBe(200)
    expect(createApi).toHaveBeenCalledTimes(2)
  })
})
