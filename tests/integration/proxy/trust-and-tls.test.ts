import { X509Certificate } from 'node:crypto'
import { hostname } from 'node:os'
import { connect } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetch } from 'undici'
import { startProxy, type RunningProxy } from '../../helpers/proxy-process'

describe('TLS and the trust page of the real proxy', () => {
  let proxy: RunningProxy
  beforeAll(async () => {
    proxy = await startProxy()
  })
  afterAll(() => proxy?.stop())

  it('presents a certificate for 127.0.0.1 and the host name, signed by the CA in the data dir', async () => {
    const port = Number(new URL(proxy.url).port)
    const peer = await new Promise<{ san: string; raw: Buffer }>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca: proxy.caPem as string }, () => {
        const cert = socket.getPeerCertificate()
        socket.end()
        resolve({ san: cert.subjectaltname ?? '', raw: cert.raw })
      })
      socket.once('error', reject)
    })
    expect(peer.san).toContain('IP Address:127.0.0.1')
    expect(peer.san).toContain(`DNS:${hostname().toLowerCase()}`)
    expect(peer.san).toContain('DNS:localhost')
    const leaf = new X509Certificate(peer.raw)
    expect(leaf.verify(new X509Certificate(proxy.caPem as string).publicKey)).toBe(true)
  })

  it('refuses to be trusted without its CA', async () => {
    await expect(fetch(`${proxy.url}/api/health`)).rejects.toThrow()
  })

  it('serves the trust page over plain HTTP with the CA download and a QR code', async () => {
    expect(proxy.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const page = await fetch(`${proxy.httpUrl}/`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('href="/ca.crt"')
    expect(html).toContain(`href="${proxy.url}/"`)
    expect(html).toMatch(/<svg[^>]*>/)
    const ca = await fetch(`${proxy.httpUrl}/ca.crt`)
    expect(ca.headers.get('content-type')).toBe('application/x-x509-ca-cert')
    const served = new X509Certificate(Buffer.from(await ca.arrayBuffer()))
    expect(served.fingerprint256).toBe(new X509Certificate(proxy.caPem as string).fingerprint256)
  })

  it('sends anything else on the plain port to HTTPS', async () => {
    const response = await fetch(`${proxy.httpUrl}/api/health`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${proxy.url}/api/health`)
  })

  it('prints the addresses, the trust page and the pairing code at first start', () => {
    const port = new URL(proxy.url).port
    const lines = proxy.output().split('\n')
    expect(lines).toContain(`App: https://127.0.0.1:${port}/`)
    expect(lines).toContain(`Trust page (install the certificate on each screen first): ${proxy.httpUrl}/`)
    expect(lines).toContain(`Pairing code: ${proxy.pairingCode}`)
  })
})

describe('a proxy with TLS off', () => {
  let proxy: RunningProxy
  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off' })
  })
  afterAll(() => proxy?.stop())

  it('speaks plain HTTP, makes no CA and opens no trust page', async () => {
    expect(proxy.url).toMatch(/^http:\/\//)
    expect(proxy.httpUrl).toBeNull()
    expect(proxy.caPem).toBeNull()
    expect((await proxy.fetch('/api/health')).status).toBe(200)
    expect(proxy.output()).not.toContain('Trust page')
  })
})
