import { X509Certificate } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'

describe('stopping and starting again', () => {
  const running: RunningProxy[] = []
  afterAll(() => Promise.all(running.map((p) => p.kill())))

  it('stops cleanly on SIGTERM, and the next start keeps the tokens and the CA', async () => {
    const first = await startProxy()
    running.push(first)
    const paired = await first.fetch('/api/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: first.pairingCode }),
    })
    const { token } = (await paired.json()) as { token: string }
    await first.stop()
    expect(await first.exited).toBe(0)

    const second = await startProxy({ dataDir: first.dataDir })
    running.push(second)
    const fingerprint = (pem: string | null) => new X509Certificate(pem as string).fingerprint256
    expect(fingerprint(second.caPem)).toBe(fingerprint(first.caPem))
    expect(second.pairingCode).toBeNull()
    expect(second.output()).not.toContain('Pairing code:')
    const me = await second.fetch('/api/me', { headers: { authorization: `Bearer ${token}` } })
    expect(me.status).toBe(200)
    expect(await (await second.fetch('/api/health')).json()).toMatchObject({ paired: true })
  })

  it('prints a fresh first-start code at every start until someone pairs, and only that one works', async () => {
    const first = await startProxy()
    running.push(first)
    await first.stop()
    const second = await startProxy({ dataDir: first.dataDir })
    running.push(second)
    expect(second.pairingCode).toMatch(/^\d{8}$/)
    const pair = (code: string | null) =>
      second.fetch('/api/pair', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      })
    if (first.pairingCode !== second.pairingCode) expect((await pair(first.pairingCode)).status).toBe(401)
    expect((await pair(second.pairingCode)).status).toBe(200)
  })
})
