import { X509Certificate } from 'node:crypto'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { readIfExists, writeFileAtomic } from './pem-files'

export const CA_CERT_FILE = 'ca.crt'
export const CA_KEY_FILE = 'ca.key'

const CA_LIFETIME_DAYS = 3650

export interface LocalCa {
  certPem: string
  keyPem: string
  cert: X509Certificate
}

/**
 * The school's own certificate authority, made once and kept: every screen trusts it once, and the
 * server certificate can then be re-issued (new IP, near expiry) without anyone touching a screen again.
 */
export async function ensureLocalCa(dir: string, now = new Date()): Promise<LocalCa> {
  const certPath = join(dir, CA_CERT_FILE)
  const keyPath = join(dir, CA_KEY_FILE)
  const certPem = readIfExists(certPath)
  const keyPem = readIfExists(keyPath)
  if (certPem && keyPem) return { certPem, keyPem, cert: new X509Certificate(certPem) }
  if (certPem && !keyPem) {
    throw new Error(
      `${keyPath} is missing while ${certPath} exists; restore the key from a backup, or delete ${certPath} ` +
        'to make a new authority (every screen must then trust it again)',
    )
  }
  const made = await makeCa(now)
  // The key goes first: a crash before the certificate is written leaves a state that is simply redone.
  writeFileAtomic(keyPath, made.keyPem, 0o600)
  writeFileAtomic(certPath, made.certPem, 0o600)
  return made
}

async function makeCa(now: Date): Promise<LocalCa> {
  const { generate } = await import('selfsigned')
  const notAfterDate = new Date(now.getTime() + CA_LIFETIME_DAYS * 86_400_000)
  const pems = await generate(
    [
      // iOS lists a CA under "Certificate Trust Settings" only when it has a common name.
      { name: 'commonName', value: `Student Registrator Local CA – ${hostname()}` },
      { name: 'organizationName', value: 'Student Registrator' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - 3_600_000),
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    },
  )
  return { certPem: pems.cert, keyPem: pems.private, cert: new X509Certificate(pems.cert) }
}
