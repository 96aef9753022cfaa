import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { admin, bearer, json, testContext } from './test-context'

function setup() {
  const ctx = testContext()
  return { ctx, app: createApp(ctx) }
}

describe('bearer authentication', () => {
  it('lets anyone check health and pair, and nothing else', async () => {
    const { app } = setup()
    expect((await app.request('/api/health')).status).toBe(200)
    expect((await app.request('/api/pair', json({ code: '00000000' }))).status).toBe(401)
    const response = await app.request('/api/tokens')
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('refuses a malformed header and an unknown token with 401 unauthorized', async () => {
    const { app } = setup()
    for (const authorization of ['Basic abc', 'Bearer', 'Bearer sr_unknown', `Bearer ${'x'.repeat(32)}`]) {
      const response = await app.request('/api/tokens', { headers: { authorization } })
      expect(response.status, authorization).toBe(401)
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } })
    }
  })

  it('accepts SR_ADMIN_TOKEN as an admin', async () => {
    const { app } = setup()
    const response = await app.request('/api/me', { headers: admin })
    expect(await response.json()).toEqual({ tokenId: null, name: 'SR_ADMIN_TOKEN', role: 'admin' })
  })

  it('knows a paired screen by its token and role', async () => {
    const { app, ctx } = setup()
    const { token, info } = ctx.services.tokens.create('Kirish', 'operator')
    const response = await app.request('/api/me', { headers: bearer(token) })
    expect(await response.json()).toEqual({ tokenId: info.id, name: 'Kirish', role: 'operator' })
  })

  it('keeps operators out of admin routes with 403 forbidden', async () => {
    const { app, ctx } = setup()
    const { token } = ctx.services.tokens.create('Kirish', 'operator')
    const response = await app.request('/api/tokens', { headers: bearer(token) })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } })
    expect((await app.request('/api/pairing-codes', json({ role: 'admin' }, bearer(token)))).status).toBe(403)
  })

  it('refuses a revoked token', async () => {
    const { app, ctx } = setup()
    const { token, info } = ctx.services.tokens.create('Lost tablet', 'admin')
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(200)
    ctx.services.tokens.revoke(info.id)
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(401)
  })

  it('without SR_ADMIN_TOKEN, accepts no fixed token at all', async () => {
    const ctx = testContext({ adminToken: null })
    const app = createApp(ctx)
    expect((await app.request('/api/me', { headers: admin })).status).toBe(401)
  })
})
