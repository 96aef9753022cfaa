import type { Dispatcher } from 'undici'
import { backendUnavailable } from './backend-errors'
import type { BackendConnections } from './backend-connections'

export const CONTRACT_VERSION = 'sr-frontend-v1'

export interface BackendHttpOptions {
  baseUrl: string
  timeoutMs: number
  dispatcher?: Dispatcher
  /** the proxy's pool of connections to the school server, when no dispatcher is given */
  connections?: BackendConnections
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** a path on the base URL, or an absolute URL (photos) */
  url: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  token?: string | null
  idempotencyKey?: string
  signal?: AbortSignal
  /** bytes for photo files; JSON for everything else */
  expect?: 'json' | 'bytes'
  maxBytes?: number
}

export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** parsed JSON, the raw text when it is not JSON, or undefined when empty */
  json: unknown
  bytes: Buffer
  contentType: string
}

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

/** The base URL without a trailing slash; paths from the server (`/uploads/…`, `/webhook/…`) hang off it. */
export function resolveUrl(baseUrl: string, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl
  const base = baseUrl.replace(/\/+$/, '')
  return pathOrUrl.startsWith('/') ? `${base}${pathOrUrl}` : `${base}/${pathOrUrl}`
}

/**
 * One HTTP exchange with the backend. Any answer comes back, whatever its status; only not getting one
 * (refused, reset, timed out, cut off) throws, as `backend_unavailable`.
 */
export async function httpCall(options: BackendHttpOptions, call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(resolveUrl(options.baseUrl, call.url))
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value))
  }
  const headers: Record<string, string> = {
    accept: call.expect === 'bytes' ? 'image/*' : 'application/json',
    'x-client-contract-version': CONTRACT_VERSION,
  }
  if (call.token) headers.authorization = `Bearer ${call.token}`
  if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey
  if (call.body !== undefined) headers['content-type'] = 'application/json'

  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout
  try {
    // loaded with the first call: a LAN-only proxy never needs it
    const { request } = await import('undici')
    const answer = await request(url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal,
      dispatcher: options.dispatcher ?? (await options.connections?.dispatcher()),
    })
    const bytes = await readCapped(answer.body, call.maxBytes ?? DEFAULT_MAX_BYTES)
    const contentType = String(answer.headers['content-type'] ?? '')
    return {
      status: answer.statusCode,
      headers: answer.headers,
      json: call.expect === 'bytes' ? undefined : parseJson(bytes),
      bytes,
      contentType,
    }
  } catch (error) {
    throw networkFailure(error, timeout, call.signal, options.timeoutMs)
  }
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > maxBytes) {
      body.destroy()
      throw backendUnavailable(`The school server sent more than ${Math.round(maxBytes / 1024)} KB.`, {
        reason: 'bad_response',
      })
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined
  const text = bytes.toString('utf8')
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function networkFailure(
  error: unknown,
  timeout: AbortSignal,
  caller: AbortSignal | undefined,
  timeoutMs: number,
) {
  if (error instanceof Error && error.name === 'AppError') return error
  if (caller?.aborted)
    return backendUnavailable('The request to the school server was cancelled.', { reason: 'aborted' })
  if (timeout.aborted) {
    return backendUnavailable(`The school server did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
      reason: 'timeout',
    })
  }
  const code =
    (error as { code?: string } | null)?.code ?? (error as Error | null)?.message ?? 'unknown error'
  return backendUnavailable(`The school server cannot be reached (${code}).`, { reason: 'unreachable' })
}
