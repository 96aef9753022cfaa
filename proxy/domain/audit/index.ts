import { randomUUID } from 'node:crypto'
import { statfsSync } from 'node:fs'
import { DeviceImportCommitRequest } from '../../../shared/api/device-import'
import type { LiveCheckFixRequest } from '../../../shared/api/live-check'
import type { Config } from '../../config'
import type { Logger } from '../../log'
import type { Repositories } from '../../store/repositories'
import type { DeviceChecks } from '../device-checks'
import type { Domain } from '../domain'
import type { Jobs } from '../jobs'
import { AuditLog } from './audit-log'
import type { AuditSources } from './describer'
import { JobEnds } from './job-ends'
import type { RetryServices } from './retry'
import type { ProvisioningLogSource } from './server-logs'
import { AppSettings } from './settings'

export { AuditLog } from './audit-log'
export type { AuditCall, AuditSeen, AuditSources, Describer } from './describer'

/** The audit trail and what it reads and repeats through: made once at start (proxy/services.ts). */
export interface Audit {
  log: AuditLog
  settings: AppSettings
  sources: AuditSources
  retries: RetryServices
  /** the school server's provisioning logs; null in LAN-only mode */
  serverLogs: ProvisioningLogSource | null
  jobEnds: JobEnds
}

export interface AuditOptions {
  config: Pick<Config, 'auditRetentionDays' | 'auditDiskReserveMb' | 'dataDir'>
  repos: Pick<Repositories, 'audit' | 'registrations' | 'settings' | 'tokens'>
  logger: Logger
  /** the school server's provisioning logs, null in LAN-only mode */
  serverLogs: ProvisioningLogSource | null
  domain: Domain
  checks: DeviceChecks
  jobs: Jobs
  /** the device → school import and the live check's fix, repeated by a retry */
  deviceImport: { commit(request: DeviceImportCommitRequest): Promise<unknown> }
  liveCheck: { fix(request: LiveCheckFixRequest): Promise<unknown> }
}

export function createAudit(options: AuditOptions): Audit {
  const { config, repos, logger, domain, checks, jobs } = options
  const { registrations, tokens } = repos
  const settings = new AppSettings(repos.settings, { auditRetentionDays: config.auditRetentionDays })
  const log = new AuditLog({
    repo: repos.audit,
    logger,
    retentionDays: () => settings.get().auditRetentionDays,
    freeBytes: () => freeBytesOf(config.dataDir),
    reserveBytes: config.auditDiskReserveMb * 1024 * 1024,
  })
  const found = <T>(read: () => T): T | undefined => {
    try {
      return read()
    } catch {
      return undefined
    }
  }
  const sources: AuditSources = {
    device: (id) => (domain.registry.has(id) ? domain.registry.get(id) : undefined),
    registration: (employeeNo) => {
      const record = registrations.get(employeeNo)
      return record && { employeeNo: record.employeeNo, student: record.student, deviceIds: record.deviceIds }
    },
    token: (id) => tokens.get(id),
    job: (id) => found(() => jobs.get(id)),
    settings: () => settings.get(),
    entry: (id) => (Number.isInteger(id) ? log.get(id) : undefined),
  }
  const retries: RetryServices = {
    syncClock: (deviceId) => checks.clocks.sync(deviceId),
    applyWebhook: (deviceId) => checks.webhooks.apply(deviceId),
    applyAllWebhooks: () => checks.webhooks.applyAll(),
    testDevice: (deviceId) => domain.testDevice(deviceId),
    removeRegistration: (employeeNo, deviceIds) => domain.registrations.remove(employeeNo, deviceIds),
    removeDeviceUser: (deviceId, employeeNo) => domain.deviceUsers.remove(deviceId, employeeNo),
    importRows: (deviceId, rows) =>
      options.deviceImport.commit(
        DeviceImportCommitRequest.parse({ deviceId, idempotencyKey: randomUUID(), rows }),
      ),
    fixStudent: (request) => options.liveCheck.fix(request),
  }
  const jobEnds = new JobEnds(jobs, log, logger, (id) => sources.device(id)?.name ?? null)
  return { log, settings, sources, retries, serverLogs: options.serverLogs, jobEnds }
}

/** Free space for an unprivileged process on the disk of `dir`; null when the system cannot tell. */
function freeBytesOf(dir: string): number | null {
  try {
    const stats = statfsSync(dir)
    return stats.bavail * stats.bsize
  } catch {
    return null
  }
}
