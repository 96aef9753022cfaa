import type { Logger } from '../../log'
import type { Repositories } from '../../store/repositories'
import type { CloneBackend } from './database-source'
import { Jobs, type JobsDeps } from './jobs'

export { Jobs, isFinal } from './jobs'
export type { JobsDeps } from './jobs'

export interface JobsOptions {
  repos: Pick<Repositories, 'jobs' | 'employeeNumbers'>
  logger: Logger
  /** the domain's registry and per-device clients, shared with registrations */
  domain: { registry: JobsDeps['devices']; clients: JobsDeps['clients']; book?: JobsDeps['book'] }
  /** the school server's students, null in LAN-only mode */
  directory: CloneBackend | null
  /** for tests: a clock, pauses */
  now?: () => Date
  retryDelaysMs?: number[]
}

/** The clone jobs of this proxy, on its database, its device clients and its backend (when configured). */
export function createJobs(options: JobsOptions): Jobs {
  const { repos, logger } = options
  const now = options.now ?? (() => new Date())
  const numbers = repos.employeeNumbers
  return new Jobs({
    repo: repos.jobs,
    clients: options.domain.clients,
    devices: options.domain.registry,
    directory: options.directory,
    claimNumber: (employeeNo) => numbers.claim(employeeNo, 'given', now().toISOString()),
    ...(options.domain.book ? { book: options.domain.book } : {}),
    logger,
    now,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  })
}
