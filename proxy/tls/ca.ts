import { X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import { certNames, type CertNames } from '../net/lan-addresses'
import { readIfExists, writeFileAtomic } from './pem-files'

export const CA_CERT_FILE = 'ca.crt'
export const CA_KEY_FILE = 'ca.key'

export interface LocalCa {
  certPem: string
  keyPem: string
  cert: X509Certificate
}

/**
 * The school's own certificate authority, made once and kept: every screen trusts it once, and the
 * server certificate can then be re-issued (new IP, near expiry) without anyone touching a screen again.
 * It may only vouch for the proxy's own names and addresses (see ca-constraints.ts). An authority made
 * by an older proxy without that limit is kept, since replacing it means trusting anew on every screen.
 */
export async function ensureLocalCa(
  dir: string,
  names: CertNames = certNames(),
  now = new Date(),
): Promise<LocalCa> {
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
  // the certificate toolkit is loaded only to make an authority: an existing one is read with node:crypto
  const { makeCa } = await import('./make-ca')
  const made = await makeCa(now, names)
  // The key goes first: a crash before the certificate is written leaves a state that is simply redone.
  writeFileAtomic(keyPath, made.keyPem, 0o600)
  writeFileAtomic(certPath, made.certPem, 0o600)
  return made
}
