// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient, isApiError } from '../../../web/api/client'
import { createAppI18n } from '../../../web/i18n'
import { deviceErrorMessage } from '../../../shared/api/isapi-messages'
import { errorMessage } from '../../../web/i18n/errorMessage'
import { fakeFetch, json, PROXY } from './fake-proxy'

function client(
  fetch: typeof globalThis.fetch,
  token: string | null = 'secret-token',
  onUnauthorized = vi.fn(),
) {
  return createApiClient({ baseUrl: () => PROXY, token: () => token, onUnauthorized, fetch, timeoutMs: 200 })
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e,
  )
  expect(isApiError(error)).toBe(true)
  return error as ApiError
}

const uz = createAppI18n('uz').global

describe('proxy client', () => {
  it('sends the bearer token and returns the validated answer', async () => {
    const device = {
      id: 'd1',
      name: 'Kirish 1',
      host: '192.168.1.20',
      port: 80,
      scheme: 'http',
      username: 'admin',
      hasPassword: true,
      credentialsExpiresAt: null,
      deviceId: null,
      backendId: null,
    }
    const { fetch, seen } = fakeFetch({ 'GET /api/devices': () => json(200, [device]) })
    expect(await client(fetch).listDevices()).toEqual([device])
    expect(seen[0]?.headers.authorization).toBe('Bearer secret-token')
  })

  it('sends no token to the routes that need none', async () => {
    const { fetch, seen } = fakeFetch({
      'GET /api/health': () => json(200, { ok: true, version: '1.2.3', paired: false }),
      'POST /api/pair': () => json(200, { token: 't', tokenId: 'i', role: 'operator' }),
    })
    const api = client(fetch)
    expect(await api.health()).toEqual({ ok: true, version: '1.2.3', paired: false })
    expect(await api.pair({ code: '123456', name: 'Kirish plansheti' })).toEqual({
      token: 't',
      tokenId: 'i',
      role: 'operator',
    })
    expect(seen.map((r) => r.headers.authorization)).toEqual([undefined, undefined])
    expect(seen[1]?.body).toEqual({ code: '123456', name: 'Kirish plansheti' })
  })

  it('turns the contract error body into a typed error with code, message and field', async () => {
    const { fetch } = fakeFetch({
      'POST /api/pair': () =>
        json(400, { error: { code: 'validation_failed', message: 'code is too short', field: 'code' } }),
    })
    const error = await failure(client(fetch).pair({ code: '12' }))
    expect(error).toMatchObject({
      kind: 'http',
      code: 'validation_failed',
      status: 400,
      message: 'code is too short',
      field: 'code',
    })
    expect(errorMessage(uz, error)).toBe('Maydon notoʻgʻri toʻldirilgan: ulash kodi.')
  })

  it('keeps retryAfterSec and subStatusCode for the words shown to people', async () => {
    const { fetch } = fakeFetch({
      'GET /api/devices/d1/status': () =>
        json(423, { error: { code: 'device_locked', message: 'locked', retryAfterSec: 1500 } }),
      'GET /api/devices/d2/status': () =>
        json(422, {
          error: { code: 'device_rejected', message: 'no', subStatusCode: 'employeeNoAlreadyExist' },
        }),
    })
    const locked = await failure(client(fetch).deviceStatus('d1'))
    expect(locked).toMatchObject({ code: 'device_locked', retryAfterSec: 1500, status: 423 })
    expect(errorMessage(uz, locked)).toContain('25 daqiqadan')

    const rejected = await failure(client(fetch).deviceStatus('d2'))
    expect(rejected.subStatusCode).toBe('employeeNoAlreadyExist')
    expect(errorMessage(uz, rejected)).toBe(deviceErrorMessage('employeeNoAlreadyExist').uz)
  })

  it('gives each error code its own plain Uzbek sentence', async () => {
    const { fetch } = fakeFetch({
      'GET /api/devices/d1/status': () =>
        json(504, { error: { code: 'device_unreachable', message: 'connect ETIMEDOUT 192.168.1.20:80' } }),
    })
    const error = await failure(client(fetch).deviceStatus('d1'))
    expect(errorMessage(uz, error)).toBe('Qurilmaga ulanib boʻlmadi. U yoqilganmi va tarmoqqa ulanganmi?')
  })

  it('maps an error answer without the contract body by its status', async () => {
    const { fetch } = fakeFetch({
      'GET /api/devices': () => new Response('<html>Bad Gateway</html>', { status: 502 }),
      'GET /api/tokens': () => new Response('', { status: 403 }),
    })
    expect(await failure(client(fetch).listDevices())).toMatchObject({
      kind: 'http',
      code: 'internal',
      status: 502,
    })
    expect(await failure(client(fetch).listTokens())).toMatchObject({
      kind: 'http',
      code: 'forbidden',
      status: 403,
    })
  })

  it('keeps an unknown code from a newer proxy as a generic failure, not a crash', async () => {
    const { fetch } = fakeFetch({
      'GET /api/devices': () => json(409, { error: { code: 'brand_new_code', message: 'something new' } }),
    })
    const error = await failure(client(fetch).listDevices())
    expect(error).toMatchObject({ code: 'conflict', message: 'something new' })
  })

  it('reports a proxy that cannot be reached as proxy_unreachable', async () => {
    const refused = (async () => {
      throw new TypeError('Failed to fetch')
    }) as typeof globalThis.fetch
    const error = await failure(client(refused).health())
    expect(error).toMatchObject({ kind: 'network', code: 'proxy_unreachable', status: null })
    expect(errorMessage(uz, error)).toContain('Lokal serverga ulanib boʻlmadi')
  })

  it('gives up on a proxy that does not answer in time', async () => {
    const silent = ((_: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      })) as typeof globalThis.fetch
    const error = await failure(client(silent).health())
    expect(error).toMatchObject({ kind: 'network', code: 'proxy_timeout' })
  })

  it('rejects a 2xx answer that does not match the contract', async () => {
    const { fetch } = fakeFetch({
      'GET /api/health': () => json(200, { ok: 'yes' }),
      'GET /api/devices': () => new Response('not json', { status: 200 }),
    })
    expect(await failure(client(fetch).health())).toMatchObject({
      kind: 'invalid_response',
      code: 'invalid_response',
    })
    expect(await failure(client(fetch).listDevices())).toMatchObject({ code: 'invalid_response' })
  })

  it('tells the session when the proxy refuses the token it sent, and only then', async () => {
    const { fetch } = fakeFetch({
      'GET /api/tokens': () => json(401, { error: { code: 'unauthorized', message: 'token revoked' } }),
      'POST /api/pair': () => json(401, { error: { code: 'unauthorized', message: 'wrong code' } }),
    })
    const onUnauthorized = vi.fn()
    const api = client(fetch, 'revoked-token', onUnauthorized)
    await failure(api.pair({ code: '000000' }))
    expect(onUnauthorized).not.toHaveBeenCalled()
    await failure(api.listTokens())
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('lets the caller cancel without calling it a network failure', async () => {
    const silent = ((_: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      })) as typeof globalThis.fetch
    const controller = new AbortController()
    const pending = client(silent).health(controller.signal)
    controller.abort()
    const error = await pending.catch((e: unknown) => e)
    expect(isApiError(error)).toBe(false)
    expect((error as DOMException).name).toBe('AbortError')
  })
})
