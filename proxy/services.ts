import type { UnlinkedPeople } from '../shared/api/student-sheet'
import type { Outbox } from './backend/outbox'
import { createOutbox } from './backend/outbox-from-config'
import type { Config } from './config'
import { createAudit, type Audit } from './domain/audit'
import { createDeviceChecks, type DeviceChecks } from './domain/device-checks'
import {
  createDeviceImport,
  schoolServerFor,
  unlinkedPeople,
  type DeviceImport,
} from './domain/device-import'
import { DeviceSettings } from './domain/device-settings/device-settings'
import { createDomain, type Domain } from './domain/domain'
import { createJobs, type Jobs } from './domain/jobs'
import { LiveCheck } from './domain/live-check'
import { createStudents, type Students } from './domain/students'
import { StudentExport } from './domain/students/export'
import { StudentSheets } from './domain/students/student-sheet'
import { FailureLimiter } from './http/rate-limit'
import type { Logger } from './log'
import type { Db } from './store/db'
import { Pairing } from './store/pairing'
import { PairingCodesRepo } from './store/pairing-codes-repo'
import { RegistrationsRepo } from './store/registrations-repo'
import { SettingsRepo } from './store/settings-repo'
import { TokensRepo } from './store/tokens-repo'

/** The proxy's long-lived parts, made once at start and shared by every route group. */
export interface Services {
  settings: SettingsRepo
  tokens: TokensRepo
  pairing: Pairing
  /** wrong pairing codes per client address */
  pairingFailures: FailureLimiter
  /** backend reports, written with each registration's result and sent when a backend is configured */
  outbox: Outbox
  /** devices (registry, ISAPI clients, connection test, people on them) and the registration sagas */
  domain: Domain
  /** the school's students, their photos (cached on disk) and classes, from the backend */
  students: Students
  /** the phone check: device status (cached), clocks and webhooks */
  checks: DeviceChecks
  /** clone jobs (database → device, device → device), resumed at start */
  jobs: Jobs
  /** the audit trail (pruned at start and daily), the settings page's values, the school server's logs */
  audit: Audit
  /** students × devices read live from the devices, and the fix that writes what is missing */
  liveCheck: LiveCheck
  /** a terminal's people into the school database, faces into their photos */
  deviceImport: DeviceImport
  /** the people on any terminal whom the school database lacks */
  unlinkedPeople(): Promise<UnlinkedPeople>
  /** the student sheet: one person by employeeNo, whoever enrolled them */
  sheets: StudentSheets
  /** students with their per-device state as .xlsx / CSV */
  studentExport: StudentExport
  /** the device settings page: overview by capability, NTP written with read-back and restore, door test */
  deviceSettings: DeviceSettings
}

export function createServices(config: Config, db: Db, logger: Logger): Services {
  const settings = new SettingsRepo(db)
  const tokens = new TokensRepo(db)
  const outbox = createOutbox(config, db, logger)
  const domain = createDomain({ config, db, logger, outbox })
  const schoolServer = schoolServerFor(config)
  const students = createStudents({
    config,
    db,
    logger,
    book: domain.book,
    seen: (listed) => domain.schoolNumbers.remember(listed),
  })
  const checks = createDeviceChecks({ config, devices: domain.registry, clients: domain.clients, settings })
  const jobs = createJobs({ config, db, logger, domain })
  const liveCheck = new LiveCheck({
    registry: domain.registry,
    clients: domain.clients,
    registrations: new RegistrationsRepo(db),
    directory: students.directory,
    photos: students.photos,
    logger,
    book: domain.book,
  })
  const deviceImport = createDeviceImport({
    backend: schoolServer,
    deviceUsers: domain.deviceUsers,
    registry: domain.registry,
    book: domain.book,
    logger,
  })
  const audit = createAudit({
    config,
    db,
    logger,
    settings,
    tokens,
    domain,
    checks,
    jobs,
    deviceImport,
    liveCheck,
  })
  audit.log.startPruning()
  audit.jobEnds.resume()
  return {
    settings,
    tokens,
    pairing: new Pairing(db, new PairingCodesRepo(db), tokens, settings),
    pairingFailures: new FailureLimiter({ max: 5, windowMs: 60_000 }),
    outbox,
    domain,
    students,
    checks,
    jobs,
    audit,
    deviceSettings: new DeviceSettings({
      devices: domain.registry,
      clients: domain.clients,
      clock: { timeZone: config.timeZone, now: Date.now },
      webhook: (deviceId) => checks.webhooks.read(deviceId),
      schoolNtpServer: config.ntpServer,
      onChanged: (deviceId) => checks.status.forget(deviceId),
    }),
    liveCheck,
    deviceImport,
    unlinkedPeople: () =>
      unlinkedPeople({
        backend: schoolServer,
        deviceUsers: domain.deviceUsers,
        registry: domain.registry,
        book: domain.book,
        logger,
      }),
    sheets: new StudentSheets({
      registrations: new RegistrationsRepo(db),
      book: domain.book,
      backend: schoolServer,
      outbox,
      history: (employeeNo) => audit.log.historyOf(employeeNo),
      checkNow: (employeeNos) => liveCheck.check({ employeeNos }),
      logger,
    }),
    studentExport: new StudentExport(schoolServer, undefined, domain.book),
  }
}
