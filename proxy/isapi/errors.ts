import { DEVICE_FAILURE_MESSAGES, deviceErrorMessage } from '../../shared/api/isapi-messages'
import { AppError } from '../../shared/errors'

/** A device's own status document (`ResponseStatus`, JSON or XML), normalised. */
export interface ResponseStatus {
  statusCode: number
  statusString: string
  subStatusCode: string
  errorCode?: number
  errorMsg?: string
}

/** Sub-statuses that mean the account is locked, whatever HTTP status carries them. */
const LOCK_SUB_STATUSES = new Set(['usernamelocked', 'maxpassword attempts'])

export function isLockStatus(status: ResponseStatus): boolean {
  return LOCK_SUB_STATUSES.has(status.subStatusCode.toLowerCase())
}

/** The device understood and refused: keep its sub-status so callers can branch on it. */
export function deviceRejected(endpoint: string, status: ResponseStatus, httpStatus: number): AppError {
  if (isLockStatus(status)) return deviceLocked(undefined)
  const messages = deviceErrorMessage(status.subStatusCode, status.statusCode)
  const what = status.subStatusCode || `statusCode ${status.statusCode}`
  return new AppError('device_rejected', `${messages.en} (${what} at ${endpoint})`, {
    subStatusCode: status.subStatusCode,
    details: {
      endpoint,
      httpStatus,
      statusCode: status.statusCode,
      statusString: status.statusString,
      ...(status.errorCode !== undefined ? { errorCode: status.errorCode } : {}),
      ...(status.errorMsg !== undefined ? { errorMsg: status.errorMsg } : {}),
      messages,
    },
  })
}

/** Anything we cannot read: names the endpoint, never echoes more than a short preview. */
export function deviceBadResponse(
  endpoint: string,
  why: string,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError('device_bad_response', `Unreadable answer from ${endpoint}: ${why}`, {
    details: { endpoint, ...details, messages: DEVICE_FAILURE_MESSAGES.device_bad_response },
  })
}

export function deviceUnreachable(endpoint: string, why: string, cause?: string): AppError {
  return new AppError('device_unreachable', `Device did not answer ${endpoint}: ${why}`, {
    details: {
      endpoint,
      ...(cause ? { cause } : {}),
      messages: DEVICE_FAILURE_MESSAGES.device_unreachable,
    },
  })
}

export function deviceAuthFailed(why: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('device_auth_failed', `Device refused the login: ${why}`, {
    details: { ...details, messages: DEVICE_FAILURE_MESSAGES.device_auth_failed },
  })
}

export function deviceLocked(retryAfterSec: number | undefined): AppError {
  const wait = retryAfterSec !== undefined ? `; it unlocks in about ${Math.ceil(retryAfterSec / 60)} min` : ''
  return new AppError('device_locked', `Device locked the account after too many failed logins${wait}`, {
    ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
    details: { messages: DEVICE_FAILURE_MESSAGES.device_locked },
  })
}

export function invalidInput(field: string, message: string): AppError {
  return new AppError('validation_failed', message, { field })
}
