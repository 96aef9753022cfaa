import { describe, expect, it } from 'vitest'
import { detailsOf, failure, useBackend } from './client-fixture'

const sim = useBackend({ seed: { classes: 1, students: 1, withPhotos: false } })

describe('backend client: when the backend is not there', () => {
  it('maps a closed port to backend_unavailable, retryable', async () => {
    const client = sim.client()
    await sim.backend.setMode('down')
    const error = await failure(client.listClasses())
    expect(error.code).toBe('backend_unavailable')
    expect(error.status).toBe(503)
    expect(detailsOf(error)).toMatchObject({ reason: 'unreachable', retryable: true })
    expect(error.message).toMatch(/ECONNREFUSED/)
  })

  it('maps a cut connection to backend_unavailable', async () => {
    const client = sim.client()
    await client.login()
    await sim.backend.setMode('reset')
    expect(detailsOf(await failure(client.listClasses()))).toMatchObject({
      reason: 'unreachable',
      retryable: true,
    })
  })

  it('maps a 503 gateway page to backend_unavailable with the status', async () => {
    const client = sim.client()
    await client.login()
    await sim.backend.setMode('503')
    const error = await failure(client.listClasses())
    expect(error.code).toBe('backend_unavailable')
    expect(detailsOf(error)).toMatchObject({ reason: 'server_error', status: 503, retryable: true })
  })

  it('maps a 429 to backend_unavailable with the Retry-After seconds', async () => {
    const client = sim.client()
    await client.login()
    await sim.backend.setMode('429', { retryAfterSec: 42 })
    const error = await failure(client.listClasses())
    expect(error.code).toBe('backend_unavailable')
    expect(error.extra.retryAfterSec).toBe(42)
    expect(detailsOf(error)).toMatchObject({
      reason: 'rate_limited',
      status: 429,
      retryAfterSec: 42,
      retryable: true,
    })
  })

  it('gives up on a slow answer at its timeout', async () => {
    const client = sim.client({ timeoutMs: 200 })
    await client.login()
    await sim.backend.setMode('slow', { slowMs: 5_000 })
    const started = Date.now()
    const error = await failure(client.listClasses())
    expect(Date.now() - started).toBeLessThan(4_000)
    expect(detailsOf(error)).toMatchObject({ reason: 'timeout', retryable: true })
  })

  it('treats an answer it cannot read (a captive portal) as unavailable, not as data', async () => {
    const client = sim.client()
    await client.login()
    await sim.backend.setMode('garbage')
    expect(detailsOf(await failure(client.listClasses()))).toMatchObject({
      reason: 'bad_response',
      retryable: true,
    })
    expect(detailsOf(await failure(sim.client().login()))).toMatchObject({ reason: 'bad_response' })
  })

  it('reports a request the caller cancelled as such', async () => {
    const client = sim.client()
    await client.login()
    await sim.backend.setMode('slow', { slowMs: 5_000 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await failure(client.listClasses({ signal: controller.signal }))
    expect(detailsOf(error)).toMatchObject({ reason: 'aborted' })
  })

  it('comes back when the backend does', async () => {
    const client = sim.client()
    await sim.backend.setMode('down')
    await failure(client.listClasses())
    await sim.backend.setMode('up')
    expect(await client.listClasses()).toHaveLength(1)
  })
})
