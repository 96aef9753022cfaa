import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '../../../../shared/errors'
import { createApi } from '../../../../proxy/http/api'
import { readJson } from '../../../../proxy/http/validate'
import { admin, json, testContext } from './test-context'

function appWithProbes() {
  const app = createApi(testContext())
  app.post('/api/probe/schema', async (c) =>
    c.json(await readJson(c, z.object({ student: z.object({ name: z.string() }) }))),
  )
  app.get('/api/probe/app-error', () => {
    throw new AppError('device_locked', 'Terminal is locked', { retryAfterSec: 1800 })
  })
  app.get('/api/probe/crash', () => {
    throw new Error('SQLITE_BUSY: secret internal detail at /srv/data')
  })
  return app
}

describe('error answers in the contract shape', () => {
  const app = appWithProbes()

  it('passes an AppError through with its code, status and extra fields', async () => {
    const response = await app.request('/api/probe/app-error', { headers: admin })
    expect(response.status).toBe(423)
    expect(await response.json()).toEqual({
      error: { code: 'device_locked', message: 'Terminal is locked', retryAfterSec: 1800 },
    })
  })

  it('turns a schema mismatch into 400 validation_failed naming the field', async () => {
    const response = await app.request('/api/probe/schema', json({ student: { name: 5 } }, admin))
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { code: string; field: string; message: string } }
    expect(body.error).toMatchObject({ code: 'validation_failed', field: 'student.name' })
    expect(body.error.message).toMatch(/^student\.name: /)
  })

  it('turns malformed JSON into 400 validation_failed on the body', async () => {
    const response = await app.request('/api/probe/schema', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: '{"student": ',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: { code: 'validation_failed', message: 'The request body is not valid JSON', field: 'body' },
    })
  })

  it('hides what went wrong inside behind 500 internal', async () => {
    const response = await app.request('/api/probe/crash', { headers: admin })
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } })
    expect(text).not.toContain('SQLITE_BUSY')
    expect(text).not.toContain('at ')
  })

  it('answers an unknown /api route with 404 not_found', async () => {
    const response = await app.request('/api/no-such-thing', { headers: admin })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No such route: GET /api/no-such-thing' },
    })
  })

  it('tags every answer with a request id', async () => {
    const response = await app.request('/api/health')
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/)
  })
})
