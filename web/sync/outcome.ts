import { Registration } from '../../shared/api'
import { isApiError } from '../api/errors'
import type { DraftError } from '../db/types'

/**
 * How an attempt ended, before it becomes a draft state:
 * - `done`: the proxy wrote the student to every chosen device
 * - `retry`: nothing went wrong with the draft itself; try again later with the same clientId.
 *   `hold` says what else must wait: `proxy` (it is down or overloaded: hold the whole queue),
 *   `device` (a terminal is locked: hold the queue until it unlocks), `pairing` (the screen lost its
 *   token: nothing may go until it is paired again) or null (only this draft waits).
 * - `failed`: the draft's own content was refused; a person fixes it
 * - `attention`: refused for a reason outside the draft; a person must act (renew a device password…)
 */
export type AttemptOutcome =
  | { kind: 'done'; result: Registration }
  | { kind: 'retry'; error: DraftError; hold: 'proxy' | 'device' | 'pairing' | null; retryAfterSec?: number }
  | { kind: 'failed' | 'attention'; error: DraftError; result: Registration | null }

/** Codes worth retrying on their own: the proxy or a terminal was out of reach, busy or locked. */
const RETRY_DRAFT = new Set(['device_unreachable'])
const RETRY_HOLD_PROXY = new Set([
  'proxy_unreachable',
  'proxy_timeout',
  'internal',
  'rate_limited',
  'backend_unavailable',
  'busy',
])
const RETRY_HOLD_DEVICE = new Set(['device_locked'])
/** A person outside the draft must act: a device's password, its registry entry, its memory, the proxy. */
const ATTENTION = new Set([
  'credentials_expired',
  'device_auth_failed',
  'device_bad_response',
  'capacity_exceeded',
  'not_found',
  'forbidden',
  'invalid_response',
])

export function classifySuccess(result: Registration): AttemptOutcome {
  if (result.status === 'SUCCESS') return { kind: 'done', result }
  const failed = result.devices.find((device) => device.status === 'FAILED' && device.error)
  const error: DraftError = failed?.error
    ? { code: failed.error.code, message: failed.error.message, details: result }
    : { code: 'device_rejected', message: 'registration failed', details: result }
  return classifyCode(error, result)
}

export function classifyFailure(failure: unknown): AttemptOutcome {
  if (!isApiError(failure)) {
    return retry({ code: 'proxy_unreachable', message: String(failure) }, 'proxy')
  }
  const error: DraftError = { code: failure.code, message: failure.message }
  if (failure.field !== undefined) error.field = failure.field
  if (failure.retryAfterSec !== undefined) error.retryAfterSec = failure.retryAfterSec
  if (failure.subStatusCode !== undefined) error.subStatusCode = failure.subStatusCode
  if (failure.details !== undefined) error.details = failure.details
  const parsed = Registration.safeParse(failure.details)
  return classifyCode(error, parsed.success ? parsed.data : null)
}

function classifyCode(error: DraftError, result: Registration | null): AttemptOutcome {
  const code = mainDeviceCode(error, result)
  if (code === 'unauthorized') return retry(error, 'pairing')
  if (RETRY_HOLD_PROXY.has(code)) return retry(error, 'proxy')
  if (RETRY_HOLD_DEVICE.has(code)) return retry(error, 'device')
  if (RETRY_DRAFT.has(code)) return retry(error, null)
  if (ATTENTION.has(code)) return { kind: 'attention', error, result }
  return { kind: 'failed', error, result }
}

/**
 * A refused registration names one code for the whole; its devices say more. When one device was out of reach
 * and the others only rolled back because of it, the draft is as retryable as that device.
 */
function mainDeviceCode(error: DraftError, result: Registration | null): string {
  if (!result) return error.code
  const codes = result.devices.filter((d) => d.status === 'FAILED' && d.error).map((d) => d.error?.code ?? '')
  if (codes.length === 0) return error.code
  const final = codes.find((code) => !RETRY_DRAFT.has(code) && !RETRY_HOLD_DEVICE.has(code))
  return final ?? codes.find((code) => RETRY_HOLD_DEVICE.has(code)) ?? codes[0] ?? error.code
}

function retry(error: DraftError, hold: 'proxy' | 'device' | 'pairing' | null): AttemptOutcome {
  return {
    kind: 'retry',
    error,
    hold,
    ...(error.retryAfterSec !== undefined ? { retryAfterSec: error.retryAfterSec } : {}),
  }
}
