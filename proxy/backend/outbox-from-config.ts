import type { Config } from '../config'
import type { Logger } from '../log'
import type { Db } from '../store/db'
import type { OutboxRepo } from '../store/outbox-repo'
import { backendClientFor } from './for-config'
import { Outbox, type OutboxOptions } from './outbox'
import type { ReportAccounts } from './report-account'
import type { ReportBackend } from './report-kinds'

export interface OutboxSetup {
  /** the proxy's backend client, so the outbox shares its login (and the server's rate limit) */
  client?: ReportBackend | null
  sender?: OutboxOptions['sender']
  /** screens' own school-server accounts */
  accounts?: ReportAccounts
  /** the outbox table, made by the composition root */
  repo?: OutboxRepo
}

/**
 * The outbox as the configuration says: sending to SR_BACKEND_URL with the configured credentials, or in
 * LAN-only mode (reports kept, nothing sent) when no backend is configured.
 */
export function createOutbox(config: Config, db: Db, logger?: Logger, setup: OutboxSetup = {}): Outbox {
  const repo = setup.repo ? { repo: setup.repo } : {}
  if (!config.backend) return new Outbox({ db, ...repo, backend: null })
  const backend = setup.client ?? backendClientFor(config)
  return new Outbox({
    db,
    ...repo,
    backend,
    ...(setup.accounts ? { accounts: setup.accounts } : {}),
    sender: { log: logger, ...setup.sender },
  })
}
