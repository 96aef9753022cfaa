import { backendClientFor } from '../../backend/for-config'
import type { Config } from '../../config'
import type { Logger } from '../../log'
import type { Db } from '../../store/db'
import { EmployeeNumbersRepo } from '../../store/employee-numbers-repo'
import { JobsRepo } from '../../store/jobs-repo'
import type { CloneBackend } from './database-source'
import { Jobs, type JobsDeps } from './jobs'

export { Jobs, isFinal } from './jobs'
export type { JobsDeps } from './jobs'

export interface JobsOptions {
  config: Pick<Config, 'backend'>
  db: Db
  logger: Logger
  /** the domain's registry and per-device clients, shared with registrations */
  domain: { registry: JobsDeps['devices']; clients: JobsDeps['clients']; book?: JobsDeps['book'] }
  /** for tests: the backend's students, a clock, pauses */
  directory?: CloneBackend | null
  now?: () => Date
  retryDelaysMs?: number[]
}

/** The clone jobs of this proxy, on its database, its device clients and its backend (when configured). */
export function createJobs(options: JobsOptions): Jobs {
  const { db, logger } = options
  const now = options.now ?? (() => new Date())
  const numbers = new EmployeeNumbersRepo(db)
  return new Jobs({
    repo: new JobsRepo(db),
    clients: options.domain.clients,
    devices: options.domain.registry,
    directory: options.directory !== undefined ? options.directory : directoryFrom(options.config),
    claimNumber: (employeeNo) => numbers.claim(employeeNo, 'given', now().toISOString()),
    ...(options.domain.book ? { book: options.domain.book } : {}),
    logger,
    now,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  })
}

function directoryFrom(config: Pick<Config, 'backend'>): CloneBackend | null {
  return backendClientFor(config)
}
