import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ensureLocalCa, type LocalCa } from '../../../../proxy/tls/ca'
import { ensureServerCert } from '../../../../proxy/tls/leaf'

const run = promisify(execFile)
const names = {
  ips: ['0:0:0:0:0:0:0:1', '127.0.0.1', '192.168.1.20', '203.0.113.7'],
  dns: ['localhost', 'proxy', 'proxy.local'],
}
const tempDir = () => mkdtempSync(join(tmpdir(), 'sr-tls-nc-'))

/** openssl's verdict on `leafPem` under `ca` alone: '' when trusted, else its error text. */
async function verify(ca: LocalCa, leafPem: string): Promise<string> {
  const dir = tempDir()
  writeFileSync(join(dir, 'ca.pem'), ca.certPem)
  writeFileSync(join(dir, 'leaf.pem'), leafPem)
  try {
    await run('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'leaf.pem')])
    return ''
  } catch (error) {
    return String((error as { stdout?: string; stderr?: string }).stderr ?? error)
  }
}

/** A server certificate for `dns`/`ip` signed with the CA's key, as someone holding that key could. */
async function forged(ca: LocalCa, dns: string | null, ip: string | null): Promise<string> {
  const { generate } = await import('selfsigned')
  const pems = await generate([{ name: 'commonName', value: dns ?? ip ?? 'x' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    ca: { key: ca.keyPem, cert: ca.certPem },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...(dns ? [{ type: 2 as const, value: dns }] : []),
          ...(ip ? [{ type: 7 as const, ip }] : []),
        ],
      },
    ],
  })
  return pems.cert
}

describe('the local CA is limited to the proxy', () => {
  it('carries critical name constraints: the proxy names, private ranges and its own other addresses', async () => {
    const ca = await ensureLocalCa(tempDir(), names)
    const dir = tempDir()
    writeFileSync(join(dir, 'ca.pem'), ca.certPem)
    const { stdout } = await run('openssl', ['x509', '-in', join(dir, 'ca.pem'), '-noout', '-text'])
    expect(stdout).toMatch(/Name Constraints: critical\s+Permitted:/)
    for (const line of [
      'DNS:localhost',
      'DNS:proxy.local',
      'IP:192.168.0.0/255.255.0.0',
      'IP:10.0.0.0/255.0.0.0',
      'IP:127.0.0.0/255.0.0.0',
      'IP:203.0.113.7/255.255.255.255',
    ]) {
      expect(stdout).toContain(line)
    }
  })

  it('vouches for the proxy server certificate, also after a move to another private address', async () => {
    const dir = tempDir()
    const ca = await ensureLocalCa(dir, names)
    const server = await ensureServerCert(dir, ca, names)
    expect(await verify(ca, server.certPem)).toBe('')
    const moved = await ensureServerCert(dir, ca, { ...names, ips: ['10.20.30.40', '127.0.0.1'] })
    expect(moved.issued).toBe(true)
    expect(await verify(ca, moved.certPem)).toBe('')
  })

  it('does not vouch for another site or a public address, even signed with its own key', async () => {
    const ca = await ensureLocalCa(tempDir(), names)
    expect(await verify(ca, await forged(ca, 'bank.example.com', null))).toMatch(/subtree violation/i)
    expect(await verify(ca, await forged(ca, null, '8.8.8.8'))).toMatch(/subtree violation/i)
  })
})
