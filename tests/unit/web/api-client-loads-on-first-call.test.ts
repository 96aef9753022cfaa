import { describe, expect, it, vi } from 'vitest'
import { isApiError } from '../../../web/api/client'
import { createLazyApiClient } from '../../../web/lazyApiClient'
import { fakeFetch, HEALTHY, json, PROXY } from './fake-proxy'

describe('the proxy client the app starts with (its code loads on the first call)', () => {
  it('answers like the client itself: token sent, answer validated', async () => {
    const { fetch, seen } = fakeFetch(HEALTHY)
    const api = createLazyApiClient({ baseUrl: () => PROXY, token: () => 'secret-token', fetch })

    expect(await api.health()).toMatchObject({ ok: true, paired: true })
    expect(seen).toHaveLength(1)
  })

  it('passes the refusals through as they are, and the unpairing along with them', async () => {
    const onUnauthorized = vi.fn()
    const { fetch } = fakeFetch({
      'GET /api/devices': () => json(401, { error: { code: 'unauthorized', message: 'revoked' } }),
    })
    const api = createLazyApiClient({ baseUrl: () => PROXY, token: () => 'old', onUnauthorized, fetch })

    const error: unknown = await api.listDevices().catch((e: unknown) => e)
    expect(isApiError(error) && error.code).toBe('unauthorized')
    expect(onUnauthorized).toHaveBeenCalledOnce()
  })

  it('reads the address and token at each call, as the client does', async () => {
    const { fetch, seen } = fakeFetch(HEALTHY)
    let token = 'first'
    const api = createLazyApiClient({ baseUrl: () => PROXY, token: () => token, fetch })
    await api.request('GET', '/api/health', { schema: null })
    token = 'second'
    await api.request('GET', '/api/health', { schema: null })

    expect(seen.map((request) => request.headers.authorization)).toEqual(['Bearer first', 'Bearer second'])
  })
})
