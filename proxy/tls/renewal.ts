import type { Server as HttpsServer } from 'node:https'
import type { Logger } from '../log'
import type { TlsConfig } from '../config'
import { certNames, type CertNames } from '../net/lan-addresses'
import { prepareTls } from './material'

/** How often to look for a new LAN address (DHCP renewal, a new network) or a certificate near expiry. */
export const RENEWAL_CHECK_MS = 10 * 60_000

/**
 * Keeps the server certificate fitting while the proxy runs: when the machine's addresses change or the
 * certificate nears expiry, a new one is issued under the same CA and swapped in without a restart.
 */
export function watchServerCert(
  server: Pick<HttpsServer, 'setSecureContext'>,
  tls: TlsConfig,
  dataDir: string,
  logger: Logger,
  everyMs = RENEWAL_CHECK_MS,
  names: () => CertNames = () => certNames(),
): () => void {
  if (tls.mode !== 'auto') return () => {}
  let checking = false
  const timer = setInterval(() => {
    // A slow check (a busy disk) must not overlap the next one and issue twice.
    if (checking) return
    checking = true
    prepareTls(tls, dataDir, names)
      .then((material) => {
        if (!material?.issued) return
        server.setSecureContext({ key: material.keyPem, cert: material.certPem })
        logger.info({ names: material.names }, 'server certificate re-issued')
      })
      .catch((error: unknown) => logger.error({ err: error }, 'could not renew the server certificate'))
      .finally(() => (checking = false))
  }, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
