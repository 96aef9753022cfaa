import type { z } from 'zod'
import { AppError } from '../../shared/errors'

/** Why the backend could not be used this time; the same call may work later. */
export type UnavailableReason =
  'unreachable' | 'timeout' | 'aborted' | 'server_error' | 'rate_limited' | 'bad_response'

export function backendUnavailable(
  message: string,
  details: { reason: UnavailableReason; status?: number; retryAfterSec?: number },
): AppError {
  const extra = details.retryAfterSec === undefined ? {} : { retryAfterSec: details.retryAfterSec }
  return new AppError('backend_unavailable', message, { ...extra, details: { ...details, retryable: true } })
}

/** An answer's body read with its schema; one the app cannot read is `bad_response` (the server may be mid-upgrade). */
export function readAnswer<S extends z.ZodType>(
  schema: S,
  answer: { status: number; json: unknown },
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(answer.json)
  if (!parsed.success) {
    throw backendUnavailable(
      `The school server answered ${what} with something this app does not understand.`,
      {
        reason: 'bad_response',
        status: answer.status,
      },
    )
  }
  return parsed.data
}

/** The server said no: final for this request, with the server's own words (often Uzbek) as the message. */
export function backendRejected(
  message: string,
  details: { status: number; reason?: string; [key: string]: unknown },
): AppError {
  return new AppError('backend_rejected', message, { details: { ...details, retryable: false } })
}

/**
 * The server's message as its own UI reads it: `message` (a string or a list), then `error`.
 * Fastify's validation errors carry both, and `message` is the informative one.
 */
export function serverMessage(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null) {
    const { message, error } = body as { message?: unknown; error?: unknown }
    if (typeof message === 'string' && message.trim()) return message.trim()
    if (Array.isArray(message)) {
      const lines = message.filter((line): line is string => typeof line === 'string' && line.trim() !== '')
      if (lines.length > 0) return lines.join('; ')
    }
    if (typeof error === 'string' && error.trim()) return error.trim()
  }
  return `The school server refused the request (HTTP ${status}).`
}

/** `Retry-After` in seconds, from either of its forms (delta-seconds or an HTTP date). */
export function retryAfterSeconds(
  header: string | string[] | undefined,
  now = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) return undefined
  if (/^\s*\d+\s*$/.test(value)) return Number(value)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000))
}
