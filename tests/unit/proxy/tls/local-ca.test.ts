import { execFile } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ensureLocalCa } from '../../../../proxy/tls/ca'
import { certNamesOf, ensureServerCert, reissueReason } from '../../../../proxy/tls/leaf'
import { prepareTls } from '../../../../proxy/tls/material'

const run = promisify(execFile)
const DAY = 86_400_000
const names = {
  ips: ['0:0:0:0:0:0:0:1', '127.0.0.1', '192.168.1.20'],
  dns: ['localhost', 'proxy', 'proxy.local'],
}
const tempDir = () => mkdtempSync(join(tmpdir(), 'sr-tls-'))

async function opensslText(pem: string): Promise<string> {
  const dir = tempDir()
  writeFileSync(join(dir, 'c.pem'), pem)
  return (await run('openssl', ['x509', '-in', join(dir, 'c.pem'), '-noout', '-text'])).stdout
}

describe('the local certificate authority', () => {
  it('is a named CA that may only sign certificates, valid for about ten years, key readable by the owner only', async () => {
    const dir = tempDir()
    const ca = await ensureLocalCa(dir)
    expect(ca.cert.ca).toBe(true)
    expect(ca.cert.subject).toMatch(/^CN=Student Registrator Local CA – .+/m)
    const years = (Date.parse(ca.cert.validTo) - Date.now()) / (365 * DAY)
    expect(years).toBeGreaterThan(9.9)
    expect(years).toBeLessThan(10.1)
    const text = await opensslText(ca.certPem)
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/)
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/)
    expect(statSync(join(dir, 'ca.key')).mode & 0o777).toBe(0o600)
  })

  it('is made once and then kept', async () => {
    const dir = tempDir()
    const first = await ensureLocalCa(dir)
    const again = await ensureLocalCa(dir)
    expect(again.cert.fingerprint256).toBe(first.cert.fingerprint256)
  })

  it('refuses to replace a CA whose key went missing, since screens already trust it', async () => {
    const dir = tempDir()
    await ensureLocalCa(dir)
    unlinkSync(join(dir, 'ca.key'))
    await expect(ensureLocalCa(dir)).rejects.toThrow(/ca\.key is missing/)
    expect(existsSync(join(dir, 'ca.crt'))).toBe(true)
  })
})

describe('the server certificate', () => {
  it('is signed by the CA for every wanted name, for server auth, for at most 397 days', async () => {
    const dir = tempDir()
    const ca = await ensureLocalCa(dir)
    const server = await ensureServerCert(dir, ca, names)
    expect(server.issued).toBe(true)
    expect(server.cert.verify(ca.cert.publicKey)).toBe(true)
    expect(server.cert.checkIssued(ca.cert)).toBe(true)
    expect(server.cert.ca).toBe(false)
    expect(certNamesOf(server.cert)).toEqual(names)
    expect(server.cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1'])
    expect(Date.parse(server.cert.validTo) - Date.parse(server.cert.validFrom)).toBeLessThanOrEqual(397 * DAY)
    expect(statSync(join(dir, 'server.key')).mode & 0o777).toBe(0o600)
  })

  it('is kept while it fits', async () => {
    const dir = tempDir()
    const ca = await ensureLocalCa(dir)
    const first = await ensureServerCert(dir, ca, names)
    const again = await ensureServerCert(dir, ca, names)
    expect(again.issued).toBe(false)
    expect(again.cert.fingerprint256).toBe(first.cert.fingerprint256)
  })

  it('is re-issued under the same CA when an address changes', async () => {
    const dir = tempDir()
    const ca = await ensureLocalCa(dir)
    await ensureServerCert(dir, ca, names)
    const moved = { ...names, ips: ['0:0:0:0:0:0:0:1', '10.0.0.9', '127.0.0.1'] }
    const renewed = await ensureServerCert(dir, ca, moved)
    expect(renewed.issued).toBe(true)
    expect(certNamesOf(renewed.cert).ips).toContain('10.0.0.9')
    expect(renewed.cert.verify(ca.cert.publicKey)).toBe(true)
  })

  it('is re-issued when expiry nears, or when it came from another CA', async () => {
    const dir = tempDir()
    const ca = await ensureLocalCa(dir)
    const { cert } = await ensureServerCert(dir, ca, names)
    expect(reissueReason(cert, ca, names, new Date())).toBeNull()
    expect(reissueReason(cert, ca, names, new Date(Date.parse(cert.validTo) - 10 * DAY))).toBe('expiring')
    const otherCa = await ensureLocalCa(tempDir())
    expect(reissueReason(cert, otherCa, names, new Date())).toBe('other-ca')
  })

  it('replaces an unreadable certificate and leaves the CA alone', async () => {
    const dir = tempDir()
    const ca = await ensureLocalCa(dir)
    writeFileSync(join(dir, 'server.crt'), 'garbage')
    const server = await ensureServerCert(dir, ca, names)
    expect(server.issued).toBe(true)
    expect(new X509Certificate(readFileSync(join(dir, 'ca.crt'))).fingerprint256).toBe(ca.cert.fingerprint256)
  })
})

describe('TLS modes', () => {
  it('makes nothing when TLS is off', async () => {
    const dir = tempDir()
    expect(await prepareTls({ mode: 'off' }, dir)).toBeNull()
    expect(existsSync(join(dir, 'ca.crt'))).toBe(false)
  })

  it('uses a certificate the operator brings, and says so when its key does not match', async () => {
    const a = await ensureServerCert(tempDir(), await ensureLocalCa(tempDir()), names)
    const b = await ensureServerCert(tempDir(), await ensureLocalCa(tempDir()), names)
    const dir = tempDir()
    writeFileSync(join(dir, 'cert.pem'), a.certPem)
    writeFileSync(join(dir, 'key.pem'), a.keyPem)
    writeFileSync(join(dir, 'other.pem'), b.keyPem)
    const files = { mode: 'files' as const, certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') }
    expect(await prepareTls(files, dir)).toMatchObject({ certPem: a.certPem, ca: null })
    await expect(prepareTls({ ...files, keyPath: join(dir, 'other.pem') }, dir)).rejects.toThrow(
      /^SR_TLS: the key in .*other\.pem does not belong to the certificate/,
    )
    await expect(prepareTls({ ...files, certPath: join(dir, 'key.pem') }, dir)).rejects.toThrow(
      /^SR_TLS: .*key\.pem is not a PEM certificate/,
    )
  })

  it('gives the CA for download in auto mode', async () => {
    const dir = tempDir()
    const material = await prepareTls({ mode: 'auto' }, dir, () => names)
    expect(material?.ca?.pem).toBe(readFileSync(join(dir, 'ca.crt'), 'utf8'))
    expect(material?.names).toEqual(names)
  })
})
