import type { Context } from 'hono'
import { AppError } from '../../shared/errors'

/** What a route reads a body as. */
export type BodyKind = 'json' | 'multipart' | 'image'

const KINDS: Record<string, BodyKind> = {
  'application/json': 'json',
  'multipart/form-data': 'multipart',
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
}

/**
 * The kind of body a request declares, checked against what the route takes: anything else is
 * `415 unsupported_media_type`, so a JSON body sent as `text/plain` (which a browser form may send to
 * another origin without a preflight) is never acted on. A request without a body and without a type
 * is left to the route (an empty body is its own validation error, or an allowed empty request).
 */
export function bodyKind(c: Context, accepted: readonly BodyKind[]): BodyKind | null {
  const header = c.req.header('content-type')
  if (header === undefined && !hasBody(c)) return null
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase()
  const kind = KINDS[type]
  if (kind === undefined || !accepted.includes(kind)) {
    throw new AppError(
      'unsupported_media_type',
      `A body sent as ${JSON.stringify(type || 'no type')} is not accepted here; send ${accepted
        .map(describe)
        .join(' or ')}`,
      { field: 'content-type' },
    )
  }
  return kind
}

function hasBody(c: Context): boolean {
  const length = c.req.header('content-length')
  if (length !== undefined) return Number(length) > 0
  return c.req.header('transfer-encoding') !== undefined
}

function describe(kind: BodyKind): string {
  if (kind === 'json') return 'application/json'
  if (kind === 'multipart') return 'multipart/form-data'
  return 'image/jpeg, image/png or image/webp'
}
