import { id_ce_nameConstraints } from '@peculiar/asn1-x509'
import * as x509 from '@peculiar/x509'
import { X509Certificate, randomBytes, webcrypto } from 'node:crypto'
import { hostname } from 'node:os'
import type { LocalCa } from './ca'
import { nameConstraintsFor } from './ca-constraints'
import type { CertNames } from '../net/lan-addresses'

const CA_LIFETIME_DAYS = 3650

/**
 * Made with @peculiar/x509 rather than selfsigned (which makes the server certificate): selfsigned cannot
 * write the NameConstraints extension that keeps this CA to the proxy's own names.
 */
export async function makeCa(now: Date, names: CertNames): Promise<LocalCa> {
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
