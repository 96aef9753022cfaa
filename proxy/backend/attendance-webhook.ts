import type { Dispatcher } from 'undici'
import { backendRejected, backendUnavailable, retryAfterSeconds, serverMessage } from './backend-errors'

export interface AttendancePost {
  /** the webhook URL with its secret, as webhook-info gave it */
  url: string
  /** the event object: outer notification with `AccessControllerEvent` inside */
  document: Record<string, unknown>
  picture: Buffer | null
  signal?: AbortSignal
}

export interface AttendanceAnswer {
  /** the server's `reason` when it took the event without counting it (`duplicate_event`, …) */
  ignored: string | null
}

export interface AttendanceWebhookOptions {
  timeoutMs?: number
  dispatcher?: Dispatcher
}

/**
 * Posts one attendance event to the school server's webhook the way a terminal would: multipart with the
 * event JSON in `AccessControllerEvent` and the capture as `Picture`, or plain JSON without a capture.
 * A 2xx is taken (an ignored duplicate included: that is what makes a resend harmless); 5xx, 408, 429 and
 * no answer are `backend_unavailable` (try again); anything else is the server's `backend_rejected`.
 */
export async function postAttendance(
  post: AttendancePost,
  options: AttendanceWebhookOptions = {},
): Promise<AttendanceAnswer> {
  const { fetch, FormData } = await import('undici')
  let body: string | InstanceType<typeof FormData>
  const headers: Record<string, string> = {}
  if (post.picture) {
    const form = new FormData()
    form.set('AccessControllerEvent', JSON.stringify(post.document))
    form.set('Picture', new Blob([new Uint8Array(post.picture)], { type: 'image/jpeg' }), 'Picture.jpg')
    body = form
  } else {
    body = JSON.stringify(post.document)
    headers['content-type'] = 'application/json'
  }
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000)
  const signal = post.signal ? AbortSignal.any([post.signal, timeout]) : timeout
  let status: number
  let text: string
  let retryAfter: string | null
  try {
    const answer = await fetch(post.url, {
      method: 'POST',
      body,
      headers,
      signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    })
    status = answer.status
    retryAfter = answer.headers.get('retry-after')
    text = await answer.text()
  } catch (error) {
    const reason = timeout.aborted ? 'timeout' : post.signal?.aborted ? 'aborted' : 'unreachable'
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
    throw backendUnavailable(`The school server's webhook cannot be reached (${code}).`, { reason })
  }
  const json = parse(text)
  if (status >= 200 && status < 300) {
    const reason = (json as { ignored?: unknown; reason?: unknown } | undefined)?.reason
    const ignored = (json as { ignored?: unknown } | undefined)?.ignored === true
    return { ignored: ignored ? (typeof reason === 'string' ? reason : 'ignored') : null }
  }
  if (status >= 500 || status === 408 || status === 429) {
    const retryAfterSec = retryAfterSeconds(retryAfter ?? undefined)
    throw backendUnavailable(`The school server's webhook answered ${status}.`, {
      reason: status === 429 ? 'rate_limited' : 'server_error',
      status,
      ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
    })
  }
  throw backendRejected(serverMessage(json, status), { status })
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text || undefined
  }
}
