import type { IncomingMessage, ServerResponse } from 'node:http'

/** An answer that ends a request early: the status and the JSON body the real server would send. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body !== null ? JSON.stringify(body) : String(body))
  }
}

/** The Fastify route handlers' own refusals: `{"error": "..."}` (Uzbek where the server is). */
export function fail(status: number, error: string): HttpError {
  return new HttpError(status, { error })
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
}

/** Fastify's own errors (schema validation, JWT, body parsing): `{statusCode, code, error, message}`. */
export function fastifyError(status: number, code: string, message: string): HttpError {
  return new HttpError(status, { statusCode: status, code, error: STATUS_TEXT[status] ?? 'Error', message })
}

export function requireFields(body: Record<string, unknown>, fields: string[]): void {
  for (const field of fields) {
    if (body[field] === undefined || body[field] === null) {
      throw fastifyError(400, 'FST_ERR_VALIDATION', `body must have required property '${field}'`)
    }
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw fastifyError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** Parses a JSON body as Fastify does: empty is allowed for body-less routes, anything else must be JSON. */
export function parseJson(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined
  if (!contentType?.toLowerCase().startsWith('application/json')) {
    throw fastifyError(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', `Unsupported Media Type: ${contentType ?? ''}`)
  }
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    throw fastifyError(
      400,
      'FST_ERR_CTP_INVALID_JSON_BODY',
      "Body is not valid JSON but content-type is set to 'application/json'",
    )
  }
}

/** The body as an object, or a validation error like Fastify's when the route has a body schema. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fastifyError(400, 'FST_ERR_VALIDATION', 'body must be object')
  }
  return body as Record<string, unknown>
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

export function trimmed(value: unknown): string {
  return (str(value) ?? '').trim()
}
