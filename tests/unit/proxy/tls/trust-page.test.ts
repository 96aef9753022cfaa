import { X509Certificate } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureLocalCa, type LocalCa } from '../../../../proxy/tls/ca'
import { trustPageApp } from '../../../../proxy/tls/trust-page'

describe('the plain-HTTP trust page', () => {
  let ca: LocalCa
  let app: ReturnType<typeof trustPageApp>
  beforeAll(async () => {
    ca = await ensureLocalCa(mkdtempSync(join(tmpdir(), 'sr-trust-')))
    app = trustPageApp({ caPem: ca.certPem, fingerprint256: ca.cert.fingerprint256, httpsPort: 8443 })
  })

  it('explains in Uzbek, Russian and English how to trust the CA, with a QR of the HTTPS address', async () => {
    const response = await app.request('http://192.168.1.20:8080/')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html.indexOf('lang="uz"')).toBeLessThan(html.indexOf('lang="ru"'))
    expect(html.indexOf('lang="ru"')).toBeLessThan(html.indexOf('lang="en"'))
    for (const platform of ['Android', 'iPad', 'Windows']) expect(html).toContain(platform)
    expect(html).toContain('href="https://192.168.1.20:8443/"')
    expect(html).toMatch(/<svg[^>]*>.*<path/s)
    expect(html).toContain('href="/ca.crt"')
    expect(html).toContain(ca.cert.fingerprint256)
  })

  it('offers the CA as a .crt (DER) and a .pem', async () => {
    const crt = await app.request('http://192.168.1.20:8080/ca.crt')
    expect(crt.headers.get('content-type')).toBe('application/x-x509-ca-cert')
    const der = Buffer.from(await crt.arrayBuffer())
    expect(new X509Certificate(der).fingerprint256).toBe(ca.cert.fingerprint256)
    const pem = await app.request('http://192.168.1.20:8080/ca.pem')
    expect(await pem.text()).toBe(ca.certPem)
  })

  it('sends everything else to HTTPS', async () => {
    const response = await app.request('http://192.168.1.20:8080/enroll?x=1', { method: 'GET' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('https://192.168.1.20:8443/enroll?x=1')
    const api = await app.request('http://192.168.1.20:8080/api/health', { method: 'POST' })
    expect(api.headers.get('location')).toBe('https://192.168.1.20:8443/api/health')
  })
})
