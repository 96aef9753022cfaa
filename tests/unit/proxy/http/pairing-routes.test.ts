import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { admin, bearer, json, testContext } from './test-context'

function setup() {
  const ctx = testContext()
  return { ctx, app: createApp(ctx) }
}

describe('pairing over the API', () => {
  it('lets an admin make a code that a new screen trades for its token, once', async () => {
    const { app } = setup()
    const made = await app.request(
      'https://192.168.1.20:8443/api/pairing-codes',
      json({ role: 'operator' }, admin),
    )
    expect(made.status).toBe(201)
    const code = (await made.json()) as { code: string; expiresAt: string; url: string; role: string }
    expect(code).toMatchObject({ code: expect.stringMatching(/^\d{6}$/), role: 'operator' })
    expect(code.url).toBe('https://192.168.1.20:8443/')
    expect(Date.parse(code.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000)

    const paired = await app.request('/api/pair', json({ code: code.code, name: 'Kirish plansheti' }))
    expect(paired.status).toBe(200)
    const { token, role } = (await paired.json()) as { token: string; role: string }
    expect(role).toBe('operator')
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(200)

    const again = await app.request('/api/pair', json({ code: code.code }))
    expect(again.status).toBe(401)
    expect(await again.json()).toMatchObject({ error: { code: 'unauthorized', field: 'code' } })
  })

  it('accepts a code typed with spaces or a dash', async () => {
    const { app, ctx } = setup()
    const { code } = ctx.services.pairing.issueCode('operator')
    const typed = `${code.slice(0, 3)} - ${code.slice(3)}`
    expect((await app.request('/api/pair', json({ code: typed }))).status).toBe(200)
  })

  it('after five wrong codes a minute, refuses even the right one with 429 rate_limited', async () => {
    const { app, ctx } = setup()
    const { code } = ctx.services.pairing.issueCode('operator')
    for (let i = 0; i < 5; i += 1) {
      expect(
        (await app.request('/api/pair', json({ code: '999999' === code ? '999998' : '999999' }))).status,
      ).toBe(401)
    }
    const limited = await app.request('/api/pair', json({ code }))
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited.json()).toMatchObject({
      error: { code: 'rate_limited', retryAfterSec: expect.any(Number) },
    })
  })

  it('checks the request: a missing code is 400 validation_failed on code', async () => {
    const { app } = setup()
    const response = await app.request('/api/pair', json({}))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'validation_failed', field: 'code' } })
  })

  it('refuses an unknown role for a new code', async () => {
    const { app } = setup()
    const response = await app.request('/api/pairing-codes', json({ role: 'director' }, admin))
    expect(await response.json()).toMatchObject({ error: { code: 'validation_failed', field: 'role' } })
  })

  it('puts the LAN address, not loopback, into the code made on the proxy machine itself', async () => {
    const { app } = setup()
    const made = await app.request('https://127.0.0.1:8443/api/pairing-codes', json({}, admin))
    const { url, role } = (await made.json()) as { url: string; role: string }
    expect(role).toBe('operator')
    expect(url).toMatch(/^https:\/\/[^/]+:8443\/$/)
  })
})

describe('the list of paired screens', () => {
  it('lists, renames and revokes tokens, and the revoked one stops working', async () => {
    const { app, ctx } = setup()
    const { token, info } = ctx.services.tokens.create('Ekran 1', 'operator')
    const list = await app.request('/api/tokens', { headers: admin })
    expect(await list.json()).toEqual([
      expect.objectContaining({ id: info.id, name: 'Ekran 1', revokedAt: null }),
    ])
    expect(JSON.stringify(await (await app.request('/api/tokens', { headers: admin })).json())).not.toContain(
      token,
    )

    const renamed = await app.request(`/api/tokens/${info.id}`, {
      ...json({ name: 'Chiqish' }, admin),
      method: 'PATCH',
    })
    expect(await renamed.json()).toMatchObject({ id: info.id, name: 'Chiqish' })

    const revoked = await app.request(`/api/tokens/${info.id}`, { method: 'DELETE', headers: admin })
    expect(revoked.status).toBe(204)
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(401)
  })

  it('answers 404 not_found for a token that does not exist', async () => {
    const { app } = setup()
    const response = await app.request('/api/tokens/nope', { method: 'DELETE', headers: admin })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('refuses an empty name', async () => {
    const { app, ctx } = setup()
    const { info } = ctx.services.tokens.create('Ekran 1', 'operator')
    const response = await app.request(`/api/tokens/${info.id}`, {
      ...json({ name: '  ' }, admin),
      method: 'PATCH',
    })
    expect(await response.json()).toMatchObject({ error: { code: 'validation_failed', field: 'name' } })
  })
})

describe('health', () => {
  it('says whether any screen has paired yet', async () => {
    const { app, ctx } = setup()
    expect(await (await app.request('/api/health')).json()).toEqual({
      ok: true,
      version: '0.0.0-test',
      paired: false,
      auditPaused: false,
      timeZone: 'Asia/Tashkent',
    })
    ctx.services.pairing.pair((await ctx.services.pairing.issueFirstStartCode()).code)
    expect(await (await app.request('/api/health')).json()).toMatchObject({ paired: true })
  })
})
