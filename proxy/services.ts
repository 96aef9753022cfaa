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
import { Discovery } from './domain/discovery'
import { SchoolLink } from './domain/school-link/school-link'
import { SchoolAccounts } from './domain/school-accounts/school-accounts'
import { screenLoginFor } from './backend/screen-login'
import { SchoolAccountsRepo } from './store/school-accounts-repo'
import { createDomain, type Domain } from './domain/domain'
import { createEventRelay, type EventRelay } from './domain/event-relay'
import { RelayAddress } from './domain/event-relay/relay-address'
import { createJobs, type Jobs } from './domain/jobs'
import { LiveCheck } from './domain/live-check'
import { createStudents, type Students } from './domain/students'
import { StudentExport } from './domain/students/export'
import { PairingFailures } from './net/rate-limit'
import { BODIES_IN_FLIGHT_BYTES, ByteBudget } from './net/byte-budget'
import { StudentSheets } from './domain/students/student-sheet'
import type { Logger } from './log'
import type { Db } from './store/db'
import { Pairing } from './store/pairing'
import { PairingCodesRepo } from './store/pairing-codes-repo'
import { RegistrationsRepo } from './store/registrations-repo'
import { SettingsRepo } from './store/settings-repo'
import { SealedSettings } from './store/sealed-settings'
import { SecretBox } from './store/secrets'
import { WEBHOOK_INFO_KEY } from './domain/webhooks/webhook-directory'
import { TokensRepo } from './store/tokens-repo'
import { lanAddresses } from './net/lan-addresses'

/** The proxy's long-lived parts, made once at start and shared by every route group. */
export interface Services {
  settings: SettingsRepo
  tokens: TokensRepo
  pairing: Pairing
  /** wrong pairing codes per client address and for the whole proxy */
  pairingFailures: PairingFailures
  /** request bodies being read or handled, in bytes: bounded so many uploads at once cannot exhaust memory */
  bodyBudget: ByteBudget
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
  /** terminals found on the LAN (SADP), and the activation of new ones */
  discovery: Discovery
  /** attendance events: terminals post to the proxy, which relays them to the school server in time order */
  eventRelay: EventRelay
  /** which school-server device each terminal is: picked from the server's list or created there */
  schoolLink: SchoolLink
  /** each screen's own school-server account, whose reports then go out as that person */
  schoolAccounts: SchoolAccounts
}

export function createServices(config: Config, db: Db, logger: Logger): Services {
  const settings = new SettingsRepo(db)
  const tokens = new TokensRepo(db)
  const schoolAccounts = new SchoolAccounts({
    repo: new SchoolAccountsRepo(db),
    secrets: SecretBox.lazy(config.dataDir),
    login: config.backend ? screenLoginFor(config.backend) : null,
    // the outbox is made next, with these accounts; both refer to each other only through these calls
    reports: {
      accountReady: (screen) => outbox.accountReady(screen),
      accountGone: (screen) => outbox.accountGone(screen),
      pendingOf: (screen) => outbox.pendingOf(screen),
    },
  })
  const outbox = createOutbox(config, db, logger, { accounts: schoolAccounts })
  // an unpaired screen's reports go with the shared account rather than wait for a screen that is gone
  tokens.onRevoke((tokenId) => schoolAccounts.signOut(tokenId))
  const domain = createDomain({ config, db, logger, outbox })
  const schoolServer = schoolServerFor(config)
  const students = createStudents({
    config,
    db,
    logger,
    book: domain.book,
    seen: (listed) => domain.schoolNumbers.remember(listed),
  })
  const sealedSettings = new SealedSettings(settings, SecretBox.lazy(config.dataDir), [WEBHOOK_INFO_KEY])
  sealedSettings.sealExisting()
  const relayAddress = new RelayAddress({
    settings,
    defaultOn: config.eventRelay.on,
    origin: config.eventRelay.origin ?? relayOrigin(config),
  })
  const checks = createDeviceChecks({
    config,
    devices: domain.registry,
    clients: domain.clients,
    settings: sealedSettings,
    relay: relayAddress,
  })
  const eventRelay = createEventRelay({
    db,
    dataDir: config.dataDir,
    timeZone: config.timeZone,
    settings,
    devices: domain.registry,
    clients: domain.clients,
    directory: checks.directory,
    webhooks: checks.webhooks,
    address: relayAddress,
    picturesMaxBytes: config.eventRelay.picturesMaxBytes,
    searchEveryMs: config.eventRelay.searchEveryMs,
    log: logger,
  })
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
    pairingFailures: new PairingFailures({ perClient: 5, overall: 20, windowMs: 60_000 }),
    bodyBudget: new ByteBudget(BODIES_IN_FLIGHT_BYTES),
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
      clientAt: (deviceId, host, timeouts) => domain.clients.at(deviceId, host, timeouts),
      checkHost: (host) => domain.allowedHosts.check(host),
      moveDevice: (deviceId, host) => domain.registry.update(deviceId, { host }),
      moveWaitMs: config.deviceMoveWaitSec * 1000,
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
    discovery: new Discovery({
      sadp: config.sadp,
      registry: domain.registry,
      allowedHosts: domain.allowedHosts,
    }),
    eventRelay,
    schoolLink: new SchoolLink({ registry: domain.registry, backend: schoolServer }),
    schoolAccounts,
  }
}

/**
 * Where terminals on the LAN reach the proxy: plain HTTP where there is a plain-HTTP port (terminals do not
 * know the proxy's own CA), on the address the proxy listens on, or its first IPv4 LAN address.
 */
function relayOrigin(config: Config): string {
  const wildcard = config.host === '0.0.0.0' || config.host === '::'
  const host = wildcard ? (lanAddresses().find((a) => !a.includes(':')) ?? '127.0.0.1') : config.host
  const shown = host.includes(':') ? `[${host}]` : host
  if (config.tls.mode === 'off') return `http://${shown}:${config.port}`
  if (config.httpPort !== null) return `http://${shown}:${config.httpPort}`
  return `https://${shown}:${config.port}`
}
