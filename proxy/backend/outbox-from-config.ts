import type { BackendConfig, Config } from '../config'
import type { Logger } from '../log'
import type { Db } from '../store/db'
import { createBackendClient } from './client'
import { Outbox, type OutboxOptions } from './outbox'
import type { ReportBackend } from './report-kinds'

export interface OutboxSetup {
  /** the proxy's backend client, so the outbox shares its login (and the server's rate limit) */
  client?: ReportBackend | null
  sender?: OutboxOptions['sender']
}

/**
 * The outbox as the configuration says: sending to SR_BACKEND_URL with the configured credentials, or in
 * LAN-only mode (reports kept, nothing sent) when no backend is configured.
 */
export function createOutbox(config: Config, db: Db, logger?: Logger, setup: OutboxSetup = {}): Outbox {
  if (!config.backend) return new Outbox({ db, backend: null })
  const backend = setup.client ?? clientFor(config.backend)
  return new Outbox({ db, backend, sender: { log: logger, ...setup.sender } })
}

function clientFor(backend: BackendConfig) {
  const auth =
    backend.auth.kind === 'token'
      ? { token: backend.auth.token }
      : { email: backend.auth.email, password: backend.auth.password }
  return createBackendClient({ baseUrl: backend.url, schoolId: backend.schoolId, ...auth })
}
