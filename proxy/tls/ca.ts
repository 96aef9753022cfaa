import { id_ce_nameConstraints } from '@peculiar/asn1-x509'
import * as x509 from '@peculiar/x509'
import { X509Certificate, randomBytes, webcrypto } from 'node:crypto'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { nameConstraintsFor } from './ca-constraints'
import { certNames, type CertNames } from '../net/lan-addresses'
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
  const made = await makeCa(now, names)
  // The key goes first: a crash before the certificate is written leaves a state that is simply redone.
  writeFileAtomic(keyPath, made.keyPem, 0o600)
  writeFileAtomic(certPath, made.certPem, 0o600)
  return made
}

/**
 * Made with @peculiar/x509 rather than selfsigned (which makes the server certificate): selfsigned cannot
 * write the NameConstraints extension that keeps this CA to the proxy's own names.
 */
async function makeCa(now: Date, names: CertNames): Promise<LocalCa> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto)
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])
  const made = await x509.X509CertificateGenerator.createSelfSigned({
    // positive and non-zero: a leading 01 byte
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    // iOS lists a CA under "Certificate Trust Settings" only when it has a common name.
    name: [{ CN: [`Student Registrator Local CA – ${hostname()}`] }, { O: ['Student Registrator'] }],
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter: new Date(now.getTime() + CA_LIFETIME_DAYS * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      new x509.Extension(id_ce_nameConstraints, true, nameConstraintsFor(names)),
    ],
  })
  const certPem = made.toString('pem')
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  const keyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')
  return { certPem, keyPem, cert: new X509Certificate(certPem) }
}
