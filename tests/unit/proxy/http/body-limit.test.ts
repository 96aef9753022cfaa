import { describe, expect, it } from 'vitest'
import { createApi } from '../../../../proxy/http/api'
import {
  IMAGE_BODY_LIMIT,
  JSON_BODY_LIMIT,
  imageBodyLimit,
} from '../../../../proxy/http/middleware/body-limit'
import { admin, testContext } from './test-context'

function appWithProbes() {
  const app = createApi(testContext())
  app.post('/api/probe/json', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }))
  app.post('/api/probe/photo', imageBodyLimit, async (c) =>
    c.json({ bytes: (await c.req.arrayBuffer()).byteLength }),
  )
  return app
}

/** A body with its Content-Length declared, as a plain upload arrives. */
const post = (body: Uint8Array<ArrayBuffer>) => ({
  method: 'POST',
  headers: {
    ...admin,
    'content-type': 'application/octet-stream',
    'content-length': String(body.byteLength),
  },
  body,
})

/** A body without Content-Length, as a chunked upload arrives. */
function stream(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes
  return new ReadableStream({
    pull(controller) {
      const size = Math.min(left, 64 * 1024)
      controller.enqueue(new Uint8Array(size))
      left -= size
      if (left === 0) controller.close()
    },
  })
}

describe('request size limits', () => {
  const app = appWithProbes()

  it('refuses a JSON route body over 1 MB with 413 payload_too_large', async () => {
    const response = await app.request('/api/probe/json', post(new Uint8Array(JSON_BODY_LIMIT + 1)))
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } })
  })

  it('counts the bytes of a body that comes without Content-Length', async () => {
    const chunked = (bytes: number) =>
      ({
        method: 'POST',
        headers: { ...admin, 'transfer-encoding': 'chunked' },
        body: stream(bytes),
        duplex: 'half',
      }) as RequestInit
    expect((await app.request('/api/probe/json', chunked(JSON_BODY_LIMIT + 10))).status).toBe(413)
    const small = await app.request('/api/probe/json', chunked(200_000))
    expect(await small.json()).toEqual({ bytes: 200_000 })
  })

  it('lets a route that takes photos accept up to 15 MB, and no more', async () => {
    const five = await app.request('/api/probe/photo', post(new Uint8Array(5 * 1024 * 1024)))
    expect(await five.json()).toEqual({ bytes: 5 * 1024 * 1024 })
    const over = await app.request('/api/probe/photo', post(new Uint8Array(IMAGE_BODY_LIMIT + 1)))
    expect(over.status).toBe(413)
  })

  it('lets a normal body through', async () => {
    const response = await app.request('/api/probe/json', post(new Uint8Array(1000)))
    expect(await response.json()).toEqual({ bytes: 1000 })
  })
})
