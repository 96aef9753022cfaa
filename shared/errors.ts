/**
 * The stable error codes of the proxy API. Clients branch on `code`, never on `message`.
 * Adding a code is fine; renaming one breaks every client in the field.
 */
export const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'validation_failed',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'device_unreachable',
  'device_auth_failed',
  'device_locked',
  'device_rejected',
  'device_bad_response',
  'device_not_applied',
  'device_lost_after_move',
  'image_invalid',
  'host_not_allowed',
  'credentials_expired',
  'duplicate',
  'conflict',
  'capacity_exceeded',
  'backend_unavailable',
  'busy',
  'backend_rejected',
  'device_undo_pending',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** The body of every error answer: `{"error": {...}}`. Extra fields depend on the code. */
export interface ApiErrorBody {
  code: ErrorCode
  message: string
  /** the request field at fault, for `validation_failed` */
  field?: string
  /** seconds until the device unlocks, for `device_locked` when the device says */
  retryAfterSec?: number
  /** the device's own sub-status, for `device_rejected` (e.g. `employeeNoAlreadyExist`) */
  subStatusCode?: string
  /** anything else the caller may show or act on */
  details?: unknown
}

export interface ApiErrorResponse {
  error: ApiErrorBody
}

/** HTTP status that goes with each code when nothing more specific applies. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  validation_failed: 400,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  device_unreachable: 504,
  device_auth_failed: 502,
  device_locked: 423,
  device_rejected: 422,
  device_bad_response: 502,
  device_not_applied: 502,
  device_lost_after_move: 504,
  image_invalid: 422,
  host_not_allowed: 403,
  credentials_expired: 409,
  duplicate: 409,
  conflict: 409,
  capacity_exceeded: 409,
  backend_unavailable: 503,
  busy: 503,
  backend_rejected: 502,
  device_undo_pending: 409,
  internal: 500,
}

/** An error that carries a stable code across layers; the HTTP layer turns it into the contract's shape. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly extra: Omit<ApiErrorBody, 'code' | 'message'>

  constructor(
    code: ErrorCode,
    message: string,
    extra: Omit<ApiErrorBody, 'code' | 'message'> = {},
    status?: number,
  ) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.status = status ?? ERROR_STATUS[code]
    this.extra = extra
  }

  toBody(): ApiErrorResponse {
    return { error: { code: this.code, message: this.message, ...this.extra } }
  }
}

export function isApiErrorResponse(value: unknown): value is ApiErrorResponse {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
}
