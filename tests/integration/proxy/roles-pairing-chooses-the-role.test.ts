// The admin decides what a new screen may do when making its pairing code; the screen learns it by pairing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'

interface Init {
  method?: string
  headers?: Record<string, string>
  body?: string
}

const json = (body: unknown, token?: string): Init => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
})

describe('pairing chooses the role', () => {
  let proxy: RunningProxy
  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off' })
  })
  afterAll(async () => {
    await proxy?.stop()
  })

  async function pairWith(codeRequest: unknown, name: string) {
    const made = await proxy.adminFetch('/api/pairing-codes', json(codeRequest))
    expect(made.status).toBe(201)
    const code = (await made.json()) as { code: string; role: string }
    const paired = await proxy.fetch('/api/pair', json({ code: code.code, name }))
    expect(paired.status).toBe(200)
    return {
      codeRole: code.role,
      ...((await paired.json()) as { token: string; tokenId: string; role: string }),
    }
  }

  it('a code made without a role pairs an operator: the safe default', async () => {
    const screen = await pairWith({}, 'Kirish planshet')
    expect(screen.codeRole).toBe('operator')
    expect(screen.role).toBe('operator')
  })

  it('the role of the code is the role of the token, and /api/me says so', async () => {
    for (const role of ['operator', 'admin'] as const) {
      const screen = await pairWith({ role }, `${role} planshet`)
      expect(screen).toMatchObject({ codeRole: role, role })
      const me = await proxy.fetch('/api/me', { headers: { authorization: `Bearer ${screen.token}` } })
      expect(await me.json()).toEqual({ tokenId: screen.tokenId, name: `${role} planshet`, role })
    }
  })

  it('an operator cannot make codes (not even an operator’s) nor see or rename screens', async () => {
    const screen = await pairWith({ role: 'operator' }, 'Oʻqituvchi telefoni')
    const auth = { authorization: `Bearer ${screen.token}` }
    const refused: Array<[string, Init]> = [
      ['/api/pairing-codes', json({ role: 'operator' }, screen.token)],
      ['/api/tokens', { headers: auth }],
      [
        `/api/tokens/${screen.tokenId}`,
        { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"x"}' },
      ],
      [`/api/tokens/${screen.tokenId}`, { method: 'DELETE', headers: auth }],
    ]
    for (const [path, init] of refused) {
      const answer = await proxy.fetch(path, init)
      expect(answer.status, `${init.method ?? 'GET'} ${path}`).toBe(403)
      expect(await answer.json()).toMatchObject({ error: { code: 'forbidden' } })
    }
  })

  it('an admin screen renames and revokes a screen; the list keeps its role', async () => {
    const admin = await pairWith({ role: 'admin' }, 'Direktor planshet')
    const screen = await pairWith({ role: 'operator' }, 'Eski nom')
    const auth = { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }
    const renamed = await proxy.fetch(`/api/tokens/${screen.tokenId}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ name: 'Sport zali telefoni' }),
    })
    expect(await renamed.json()).toMatchObject({
      id: screen.tokenId,
      name: 'Sport zali telefoni',
      role: 'operator',
    })
    const revoked = await proxy.fetch(`/api/tokens/${screen.tokenId}`, { method: 'DELETE', headers: auth })
    expect(revoked.status).toBe(204)
    const me = await proxy.fetch('/api/me', { headers: { authorization: `Bearer ${screen.token}` } })
    expect(me.status).toBe(401)
    const list = (await (await proxy.fetch('/api/tokens', { headers: auth })).json()) as Array<{
      id: string
      name: string
      role: string
      revokedAt: string | null
    }>
    expect(list.find((t) => t.id === screen.tokenId)).toMatchObject({
      name: 'Sport zali telefoni',
      role: 'operator',
      revokedAt: expect.any(String),
    })
    const text = JSON.stringify(list)
    expect(text).not.toContain(screen.token)
    expect(text).not.toContain(admin.token)
  })
})
