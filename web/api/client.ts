import { z } from 'zod'
import type {
  Device,
  DeviceCreate,
  DevicePatch,
  DeviceStatusReport,
  DeviceTestResult,
  DeviceUsersPage,
  HealthResponse,
  PairingCodeResponse,
  PairRequest,
  PairResponse,
  Role,
  TokenInfo,
} from '../../shared/api'
import { readDeviceStatus } from '../../shared/api/routes/device-status'
import { deleteDeviceUser, listDeviceUsers } from '../../shared/api/routes/device-users'
import {
  createDevice,
  deleteDevice,
  listDevices,
  testDevice,
  updateDevice,
} from '../../shared/api/routes/devices'
import { health } from '../../shared/api/routes/health'
import { createPairingCode, pair } from '../../shared/api/routes/pairing'
import type { RouteDeclaration } from '../../shared/api/routes/route'
import { listTokens, revokeToken } from '../../shared/api/routes/tokens'
import { callRoute, type CallInput, type CallOptions } from './call'
import { ApiError, errorFromResponse } from './errors'
import { readSse, type SseEvent } from './sse'

export { ApiError, isApiError, type ApiErrorCode, type ApiErrorKind } from './errors'

export interface ApiClientOptions {
  /** origin of the proxy, e.g. `https://192.168.1.10:8443`; read on every call so a change applies at once */
  baseUrl: () => string
  /** the bearer token of this screen, or null while unpaired */
  token: () => string | null
  /** called when the proxy refuses the token we sent (revoked or unknown) */
  onUnauthorized?: () => void
  fetch?: typeof fetch
  /** how long to wait for an answer before calling the proxy unreachable */
  timeoutMs?: number
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions<T> {
  /** validates the answer; null when the route answers with no body (204) */
  schema: z.ZodType<T> | null
  body?: unknown
  query?: Record<string, string | number | undefined>
  /** false for the routes that need no token (health, pair) */
  auth?: boolean
  signal?: AbortSignal
  timeoutMs?: number
}

export interface StreamOptions {
  query?: Record<string, string | number | undefined>
  signal?: AbortSignal
  /** how long to wait for the stream to open (its events may take longer) */
  timeoutMs?: number
  onEvent(event: SseEvent): void
}

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, options: RequestOptions<T>): Promise<T>
  /** a Server-Sent Events route, with the token sent; resolves when the proxy ends the stream */
  stream(path: string, options: StreamOptions): Promise<void>
  health(signal?: AbortSignal): Promise<HealthResponse>
  pair(body: PairRequest): Promise<PairResponse>
  createPairingCode(role: Role): Promise<PairingCodeResponse>
  listTokens(): Promise<TokenInfo[]>
  revokeToken(id: string): Promise<void>
  listDevices(): Promise<Device[]>
  /** what `GET /api/devices/:id/status` answers, as its declaration says */
  deviceStatus(id: string): Promise<DeviceStatusReport>
  createDevice(body: DeviceCreate): Promise<Device>
  updateDevice(id: string, patch: DevicePatch): Promise<Device>
  /** `finishFirst`: finish the undos still owed on the device, then remove it if none is left */
  deleteDevice(id: string, options?: { finishFirst?: boolean }): Promise<void>
  testDevice(id: string): Promise<DeviceTestResult>
  listDeviceUsers(id: string, query: DeviceUsersRequest, signal?: AbortSignal): Promise<DeviceUsersPage>
  deleteDeviceUser(id: string, employeeNo: string): Promise<void>
  /** an image route (a face on a device, a student's photo) as a Blob, with the token sent */
  fetchImage(path: string, signal?: AbortSignal): Promise<Blob>
  /** a file the proxy builds on request (an export, a report) as a Blob, with the token sent */
  download(path: string, signal?: AbortSignal): Promise<Blob>
}

export interface DeviceUsersRequest {
  offset: number
  limit: number
  q?: string
}

const DEFAULT_TIMEOUT_MS = 15_000
const TIMEOUT = Symbol('timeout')
/** the "schema" of image routes: the body is handed back as a Blob, unparsed */
const BLOB = z.instanceof(Blob)

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  async function request<T>(method: HttpMethod, path: string, opts: RequestOptions<T>): Promise<T> {
    const token = opts.auth === false ? null : options.token()
    const response = await send(method, buildUrl(options.baseUrl(), path, opts.query), token, opts)
    if (!response.ok) {
      const error = errorFromResponse(response.status, await readJson(response))
      if (error.code === 'unauthorized' && token) options.onUnauthorized?.()
      throw error
    }
    if (opts.schema === null) return undefined as T
    if ((opts.schema as z.ZodType) === BLOB) return (await response.blob()) as T
    const body = await readJson(response)
    const parsed = opts.schema.safeParse(body)
    if (!parsed.success) {
      throw new ApiError(
        'invalid_response',
        'invalid_response',
        `${method} ${path}: ${parsed.error.message}`,
        response.status,
      )
    }
    return parsed.data
  }

  async function stream(path: string, opts: StreamOptions): Promise<void> {
    const token = options.token()
    const response = await send('GET', buildUrl(options.baseUrl(), path, opts.query), token, {
      ...opts,
      schema: null,
      accept: 'text/event-stream',
    })
    if (!response.ok || !response.body) {
      const error = errorFromResponse(response.status, await readJson(response))
      if (error.code === 'unauthorized' && token) options.onUnauthorized?.()
      throw error
    }
    try {
      await readSse(response.body, opts.onEvent, opts.signal)
    } catch (cause) {
      if (opts.signal?.aborted) throw cause
      throw new ApiError('network', 'proxy_unreachable', `GET ${path}: ${describe(cause)}`, null)
    }
  }

  async function send(
    method: HttpMethod,
    url: string,
    token: string | null,
    opts: RequestOptions<unknown> & { accept?: string },
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    if (opts.body !== undefined) headers['content-type'] = 'application/json'

    const controller = new AbortController()
    const timer = setTimeout(
      () => controller.abort(TIMEOUT),
      opts.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    )
    const forwardAbort = () => controller.abort(opts.signal?.reason)
    opts.signal?.addEventListener('abort', forwardAbort, { once: true })
    try {
      return await fetchImpl(url, {
        method,
        headers,
        body: opts.body === undefined ? null : JSON.stringify(opts.body),
        signal: controller.signal,
        cache: 'no-store',
      })
    } catch (cause) {
      if (opts.signal?.aborted) throw cause
      if (controller.signal.reason === TIMEOUT) {
        throw new ApiError('network', 'proxy_timeout', `${method} ${url}: no answer in time`, null)
      }
      throw new ApiError('network', 'proxy_unreachable', `${method} ${url}: ${describe(cause)}`, null)
    } finally {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', forwardAbort)
    }
  }

  const call = <R extends RouteDeclaration>(route: R, input: CallInput<R>, opts?: CallOptions) =>
    callRoute({ request }, route, input, opts)

  return {
    request,
    stream,
    health: (signal) => call(health, {}, signal ? { signal } : {}),
    pair: (body) => call(pair, { body }),
    createPairingCode: (role) => call(createPairingCode, { body: { role } }),
    listTokens: () => call(listTokens, {}),
    revokeToken: (id) => call(revokeToken, { params: { id } }),
    listDevices: () => call(listDevices, {}),
    deviceStatus: (id) => call(readDeviceStatus, { params: { id } }),
    createDevice: (body) => call(createDevice, { body }),
    updateDevice: (id, patch) => call(updateDevice, { params: { id }, body: patch }),
    deleteDevice: (id, options) =>
      call(deleteDevice, { params: { id }, query: { finishFirst: options?.finishFirst ? 1 : undefined } }),
    // The device is asked live, and a locked or slow one takes its time: longer than a plain read.
    testDevice: (id) => call(testDevice, { params: { id } }, { timeoutMs: 45_000 }),
    listDeviceUsers: (id, query, signal) =>
      call(
        listDeviceUsers,
        { params: { id }, query: { offset: query.offset, limit: query.limit, q: query.q || undefined } },
        { timeoutMs: 30_000, ...(signal ? { signal } : {}) },
      ),
    deleteDeviceUser: (id, employeeNo) => call(deleteDeviceUser, { params: { id, employeeNo } }),
    fetchImage: (path, signal) =>
      request('GET', path, { schema: BLOB, timeoutMs: 30_000, ...(signal ? { signal } : {}) }),
    // A whole school's export asks the school server page by page and builds a workbook: minutes, not seconds.
    download: (path, signal) =>
      request('GET', path, { schema: BLOB, timeoutMs: 300_000, ...(signal ? { signal } : {}) }),
  }
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions<unknown>['query']): string {
  const url = new URL(path, baseUrl)
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value))
  }
  return url.toString()
}

/** The body as JSON, or undefined when there is none or it is not JSON (a proxy in between, an HTML page). */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '')
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
