import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { DEV_ORIGIN, testContext } from './test-context'

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization, content-type',
  },
})

describe('CORS', () => {
  const app = createApp(testContext())

  it('answers a preflight from an allowed origin', async () => {
    const response = await app.request('https://192.168.1.20:8443/api/registrations', preflight(DEV_ORIGIN))
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe(DEV_ORIGIN)
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization')
  })

  it('gives a foreign origin no Access-Control-Allow-Origin, on preflights and on requests', async () => {
    const evil = 'https://evil.example'
    const pre = await app.request('https://192.168.1.20:8443/api/registrations', preflight(evil))
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    const get = await app.request('https://192.168.1.20:8443/api/health', { headers: { origin: evil } })
    expect(get.status).toBe(200)
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
  })

  it("allows the proxy's own origin", async () => {
    const own = 'https://192.168.1.20:8443'
    const response = await app.request(`${own}/api/health`, { headers: { origin: own } })
    expect(response.headers.get('access-control-allow-origin')).toBe(own)
  })

  it('keeps the CORS headers on error answers, so the app can read them', async () => {
    const response = await app.request('https://192.168.1.20:8443/api/tokens', {
      headers: { origin: DEV_ORIGIN },
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('access-control-allow-origin')).toBe(DEV_ORIGIN)
  })

  it('does not treat the same host on another port or scheme as its own', async () => {
    for (const origin of ['http://192.168.1.20:8443', 'https://192.168.1.20:9443']) {
      const response = await app.request('https://192.168.1.20:8443/api/health', { headers: { origin } })
      expect(response.headers.get('access-control-allow-origin'), origin).toBeNull()
    }
  })
})
