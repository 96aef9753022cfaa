import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { AppError } from '../../../shared/errors'
import type { AppEnv } from '../context'

export const JSON_BODY_LIMIT = 1024 * 1024
export const IMAGE_BODY_LIMIT = 15 * 1024 * 1024

/** How much of a refused body is read and thrown away before the 413 goes out (see `discardRest`). */
const DISCARD_MAX_BYTES = 64 * 1024 * 1024
const DISCARD_MAX_MS = 15_000

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'payload_too_large',
    `The request body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
    { details: { maxBytes } },
  )
}

/**
 * Refuses bodies over `maxBytes` before a handler reads them. A declared Content-Length is checked up
 * front; a chunked body is read up to the limit and handed on as a buffer. (hono/body-limit rebuilds the
 * request from @hono/node-server's lightweight Request, which fails unless global Request is replaced.)
 */
export function limit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const length = c.req.header('content-length')
    const chunked = c.req.header('transfer-encoding') !== undefined
    if (!chunked) {
      if (length !== undefined && Number(length) > maxBytes) {
        await discardRest(c)
        throw tooLarge(maxBytes)
      }
      return next()
    }
    c.req.raw = await bufferedRequest(c, maxBytes)
    return next()
  }
}

/**
 * Reads and throws away the rest of a body refused by its declared length before answering. Answering
 * at once and closing (a terminal's request says `Connection: close`) leaves the body arriving at a
 * closed socket; the kernel then resets the connection, and a reset can wipe the 413 from the client's
 * receive buffer before it is read: the terminal sees "broken pipe" instead of the reason. Nothing is
 * kept; past the bounds the answer goes out anyway.
 */
async function discardRest(c: Context<AppEnv>): Promise<void> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (!incoming || incoming.complete || incoming.destroyed) return
  await new Promise<void>((resolve) => {
    let discarded = 0
    const done = () => {
      clearTimeout(timer)
      incoming.off('data', onData)
      resolve()
    }
    const onData = (chunk: Buffer) => {
      discarded += chunk.length
      if (discarded > DISCARD_MAX_BYTES) done()
    }
    const timer = setTimeout(done, DISCARD_MAX_MS)
    incoming.on('data', onData)
    incoming.once('end', done)
    incoming.once('close', done)
    incoming.once('error', done)
    incoming.resume()
  })
}

async function bufferedRequest(c: Context<AppEnv>, maxBytes: number): Promise<Request> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = c.req.raw.body?.getReader()
  for (;;) {
    const read = await reader?.read()
    if (!read || read.done) break
    size += read.value.byteLength
    if (size > maxBytes) {
      await reader?.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(read.value)
  }
  const headers = new Headers(c.req.raw.headers)
  headers.delete('transfer-encoding')
  headers.set('content-length', String(size))
  return new Request(c.req.url, { method: c.req.method, headers, body: Buffer.concat(chunks) })
}

/** Routes that take photos put this before their handler: `route.post('/x', imageBodyLimit, handler)`. */
export const imageBodyLimit: MiddlewareHandler<AppEnv> = limit(IMAGE_BODY_LIMIT)

const jsonBodyLimit = limit(JSON_BODY_LIMIT)

/** The app-wide limit: 1 MB, unless the matched route opted in to `imageBodyLimit`, which then applies alone. */
export const defaultBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  const takesImages = matchedRoutes(c).some((route) => route.handler === imageBodyLimit)
  return takesImages ? next() : jsonBodyLimit(c, next)
}
