import { X509Certificate, createPrivateKey } from 'node:crypto'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { LocalCa } from './ca'
import { normalizeIp, type CertNames } from '../net/lan-addresses'
import { readIfExists, writeFileAtomic } from './pem-files'

export const LEAF_CERT_FILE = 'server.crt'
export const LEAF_KEY_FILE = 'server.key'

/** Apple refuses server certificates valid for longer than 397 days; a day less leaves room for clocks. */
const LEAF_LIFETIME_DAYS = 396
const RENEW_BEFORE_DAYS = 30

export interface ServerCert {
  certPem: string
  keyPem: string
  cert: X509Certificate
  /** true when this start made a new certificate (first start, new address, near expiry) */
  issued: boolean
}

/** The server certificate for the current names, re-issued under the same CA whenever it no longer fits. */
export async function ensureServerCert(
  dir: string,
  ca: LocalCa,
  names: CertNames,
  now = new Date(),
): Promise<ServerCert> {
  const certPath = join(dir, LEAF_CERT_FILE)
  const keyPath = join(dir, LEAF_KEY_FILE)
  const certPem = readIfExists(certPath)
  const keyPem = readIfExists(keyPath)
  if (certPem && keyPem && stillFits(certPem, keyPem, ca, names, now)) {
    return { certPem, keyPem, cert: new X509Certificate(certPem), issued: false }
  }
  const made = await issue(ca, names, now)
  writeFileAtomic(keyPath, made.keyPem, 0o600)
  writeFileAtomic(certPath, made.certPem, 0o600)
  return made
}

/** Why a certificate must be re-issued, or null when it still fits. Exported for tests. */
export function reissueReason(
  cert: X509Certificate,
  ca: LocalCa,
  names: CertNames,
  now: Date,
): 'other-ca' | 'names-changed' | 'expiring' | null {
  if (!cert.checkIssued(ca.cert) || !cert.verify(ca.cert.publicKey)) return 'other-ca'
  if (!sameNames(certNamesOf(cert), names)) return 'names-changed'
  const renewAt = Date.parse(cert.validTo) - RENEW_BEFORE_DAYS * 86_400_000
  if (now.getTime() >= renewAt || now.getTime() < Date.parse(cert.validFrom)) return 'expiring'
  return null
}

/** The DNS names and IP addresses a certificate's SAN holds. */
export function certNamesOf(cert: X509Certificate): CertNames {
  const entries = (cert.subjectAltName ?? '').split(', ').filter(Boolean)
  const ips = entries.filter((e) => e.startsWith('IP Address:')).map((e) => normalizeIp(e.slice(11)))
  const dns = entries.filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4).toLowerCase())
  return { ips: ips.sort(), dns: dns.sort() }
}

function sameNames(a: CertNames, b: CertNames): boolean {
  const key = (n: CertNames) => JSON.stringify([[...n.ips].map(normalizeIp).sort(), [...n.dns].sort()])
  return key(a) === key(b)
}

function stillFits(certPem: string, keyPem: string, ca: LocalCa, names: CertNames, now: Date): boolean {
  try {
    const cert = new X509Certificate(certPem)
    return cert.checkPrivateKey(createPrivateKey(keyPem)) && reissueReason(cert, ca, names, now) === null
  } catch {
    // An unreadable certificate or key is simply replaced: the CA, which screens trust, is untouched.
    return false
  }
}

async function issue(ca: LocalCa, names: CertNames, now: Date): Promise<ServerCert> {
  const { generate } = await import('selfsigned')
  const notBeforeDate = new Date(now.getTime() - 3_600_000)
  const pems = await generate([{ name: 'commonName', value: hostname().toLowerCase() || 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + LEAF_LIFETIME_DAYS * 86_400_000),
    ca: { key: ca.keyPem, cert: ca.certPem },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.dns.map((value) => ({ type: 2 as const, value })),
          ...names.ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  })
  return { certPem: pems.cert, keyPem: pems.private, cert: new X509Certificate(pems.cert), issued: true }
}
