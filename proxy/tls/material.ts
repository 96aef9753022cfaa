import { X509Certificate, createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { TlsConfig } from '../config'
import { ensureLocalCa } from './ca'
import { certNames, type CertNames } from '../net/lan-addresses'
import { ensureServerCert } from './leaf'

/** What the HTTPS server needs, plus the CA that screens must trust when the proxy made its own. */
export interface TlsMaterial {
  keyPem: string
  certPem: string
  /** the local CA, when SR_TLS=auto; null when the operator brought a certificate */
  ca: { pem: string; fingerprint256: string } | null
  /** whether this start issued a new server certificate */
  issued: boolean
  names: CertNames | null
}

/** Loads or makes the TLS material for the configured mode; null when TLS is off. */
export async function prepareTls(
  tls: TlsConfig,
  dataDir: string,
  names: () => CertNames = () => certNames(),
): Promise<TlsMaterial | null> {
  if (tls.mode === 'off') return null
  if (tls.mode === 'files') return loadOperatorFiles(tls.certPath, tls.keyPath)
  const wanted = names()
  const ca = await ensureLocalCa(dataDir, wanted)
  const server = await ensureServerCert(dataDir, ca, wanted)
  return {
    keyPem: server.keyPem,
    certPem: server.certPem,
    ca: { pem: ca.certPem, fingerprint256: ca.cert.fingerprint256 },
    issued: server.issued,
    names: wanted,
  }
}

function loadOperatorFiles(certPath: string, keyPath: string): TlsMaterial {
  const certPem = readOrExplain(certPath)
  const keyPem = readOrExplain(keyPath)
  let cert: X509Certificate
  try {
    cert = new X509Certificate(certPem)
  } catch {
    throw new Error(`SR_TLS: ${certPath} is not a PEM certificate`)
  }
  let matches: boolean
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem))
  } catch {
    throw new Error(`SR_TLS: ${keyPath} is not a PEM private key (or it is encrypted)`)
  }
  if (!matches)
    throw new Error(`SR_TLS: the key in ${keyPath} does not belong to the certificate ${certPath}`)
  return { keyPem, certPem, ca: null, issued: false, names: null }
}

function readOrExplain(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new Error(`SR_TLS: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    })
  }
}
