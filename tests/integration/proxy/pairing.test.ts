import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

describe('pairing screens with the real proxy', () => {
  let proxy: RunningProxy
  beforeAll(async () => {
    proxy = await startProxy()
  })
  afterAll(() => proxy?.stop())

  it('trades the printed code for a working admin token, and the code cannot be used again', async () => {
    expect(proxy.pairingCode).toMatch(/^\d{8}$/)
    const paired = await proxy.fetch(
      '/api/pair',
      json({ code: proxy.pairingCode, name: 'Direktor telefoni' }),
    )
    expect(paired.status).toBe(200)
    const { token, role } = (await paired.json()) as { token: string; role: string }
    expect(role).toBe('admin')
    const me = await proxy.fetch('/api/me', { headers: { authorization: `Bearer ${token}` } })
    expect(await me.json()).toMatchObject({ name: 'Direktor telefoni', role: 'admin' })
    expect(await (await proxy.fetch('/api/health')).json()).toMatchObject({ paired: true })

    const reused = await proxy.fetch('/api/pair', json({ code: proxy.pairingCode }))
    expect(reused.status).toBe(401)
    expect(await reused.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('refuses requests without a token, or with a wrong one, with 401 unauthorized', async () => {
    for (const headers of [{}, { authorization: 'Bearer sr_wrong' }, { authorization: 'Token abc' }]) {
      const response = await proxy.fetch('/api/tokens', { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({
        error: { code: 'unauthorized', message: expect.any(String) },
      })
    }
  })

  it('revokes a token: its next request gets 401', async () => {
    const made = await proxy.adminFetch('/api/pairing-codes', json({ role: 'operator' }))
    expect(made.status).toBe(201)
    const { code, url } = (await made.json()) as { code: string; url: string }
    expect(url).toMatch(/^https:\/\//)
    const { token, tokenId } = (await (await proxy.fetch('/api/pair', json({ code }))).json()) as {
      token: string
      tokenId: string
    }
    const auth = { authorization: `Bearer ${token}` }
    expect((await proxy.fetch('/api/me', { headers: auth })).status).toBe(200)
    expect((await proxy.adminFetch(`/api/tokens/${tokenId}`, { method: 'DELETE' })).status).toBe(204)
    const after = await proxy.fetch('/api/me', { headers: auth })
    expect(after.status).toBe(401)
    const listed = (await (await proxy.adminFetch('/api/tokens')).json()) as {
      id: string
      revokedAt: string
    }[]
    expect(listed.find((t) => t.id === tokenId)?.revokedAt).toEqual(expect.any(String))
  })

  it('writes one log line per request and never a token or a code', async () => {
    const output = proxy.output()
    expect(output).toMatch(/"method":"POST","path":"\/api\/pair","status":200,"ms":[\d.]+/)
    expect(output).not.toContain(proxy.adminToken)
    expect(output).not.toContain('sr_')
    const codeLines = output.split('\n').filter((line) => line.includes(proxy.pairingCode as string))
    expect(codeLines).toEqual([`Pairing code: ${proxy.pairingCode}`])
  })
})

describe('guessing pairing codes', () => {
  let proxy: RunningProxy
  beforeAll(async () => {
    proxy = await startProxy()
  })
  afterAll(() => proxy?.stop())

  it('rate-limits wrong codes: the sixth try within a minute gets 429 rate_limited', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i += 1)
      statuses.push((await proxy.fetch('/api/pair', json({ code: '0000000' }))).status)
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true)
    expect(statuses[5]).toBe(429)
    const limited = await proxy.fetch('/api/pair', json({ code: '0000000' }))
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } })
  })
})
