import { ERROR_CODES, isApiErrorResponse, type ApiErrorBody, type ErrorCode } from '../../shared/errors'

/** Failures the client sees without the proxy ever answering in the contract's shape. */
export const CLIENT_ERROR_CODES = ['proxy_unreachable', 'proxy_timeout', 'invalid_response'] as const
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number]
export type ApiErrorCode = ErrorCode | ClientErrorCode

/**
 * - `http`: the proxy answered with an error status (its `{error:{...}}` body, or a status alone)
 * - `network`: the proxy could not be reached or did not answer in time
 * - `invalid_response`: the proxy answered 2xx with a body that does not match the contract
 */
export type ApiErrorKind = 'http' | 'network' | 'invalid_response'

export class ApiError extends Error {
  readonly kind: ApiErrorKind
  readonly code: ApiErrorCode
  /** HTTP status, or null when no answer came */
  readonly status: number | null
  readonly field?: string
  readonly retryAfterSec?: number
  readonly subStatusCode?: string
  readonly details?: unknown

  constructor(
    kind: ApiErrorKind,
    code: ApiErrorCode,
    message: string,
    status: number | null,
    extra: Omit<ApiErrorBody, 'code' | 'message'> = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.kind = kind
    this.code = code
    this.status = status
    if (extra.field !== undefined) this.field = extra.field
    if (extra.retryAfterSec !== undefined) this.retryAfterSec = extra.retryAfterSec
    if (extra.subStatusCode !== undefined) this.subStatusCode = extra.subStatusCode
    if (extra.details !== undefined) this.details = extra.details
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code)
}

/** The code to use when an error answer carries no contract body (a bare status from something in between). */
function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'validation_failed'
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 413) return 'payload_too_large'
  if (status === 429) return 'rate_limited'
  return 'internal'
}

/** Turn an error answer (status + parsed body, if it parsed) into an ApiError. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  if (isApiErrorResponse(body)) {
    const { code, message, ...extra } = body.error
    const known = isErrorCode(code) ? code : codeForStatus(status)
    return new ApiError('http', known, typeof message === 'string' ? message : code, status, pickExtra(extra))
  }
  return new ApiError('http', codeForStatus(status), `HTTP ${status}`, status)
}

function pickExtra(extra: Record<string, unknown>): Omit<ApiErrorBody, 'code' | 'message'> {
  const picked: Omit<ApiErrorBody, 'code' | 'message'> = {}
  if (typeof extra.field === 'string') picked.field = extra.field
  if (typeof extra.retryAfterSec === 'number') picked.retryAfterSec = extra.retryAfterSec
  if (typeof extra.subStatusCode === 'string') picked.subStatusCode = extra.subStatusCode
  if (extra.details !== undefined) picked.details = extra.details
  return picked
}
