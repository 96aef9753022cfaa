import type { UnlinkedPeople } from '../shared/api/student-sheet'
import type { Outbox } from './backend/outbox'
import { createOutbox } from './backend/outbox-from-config'
import type { Config } from './config'
import { createAudit, type Audit } from './domain/audit'
import { createDeviceChecks, type DeviceChecks } from './domain/device-checks'
import { createDeviceImport, unlinkedPeople, type DeviceImport } from './domain/device-import'
import { DeviceSettings } from './domain/device-settings/device-settings'
import { Discovery } from './domain/discovery'
import { SchoolLink } from './domain/school-link/school-link'
import { SchoolAccounts } from './domain/school-accounts/school-accounts'
import { postAttendance } from './backend/attendance-webhook'
import { BackendConnections } from './backend/backend-connections'
import { backendClientFor } from './backend/for-config'
import { screenLoginFor } from './backend/screen-login'
import { createDomain, type Domain } from './domain/domain'
import { createEventRelay, type EventRelay } from './domain/event-relay'
import { RelayAddress } from './domain/event-relay/relay-address'
import { createJobs, type Jobs } from './domain/jobs'
import { LiveCheck } from './domain/live-check'
import { createStudents, type Students } from './domain/students'
import { StudentExport } from './domain/students/export'
import { PairingFailures } from './net/rate-limit'
import { BODIES_IN_FLIGHT_BYTES, ByteBudget } from './net/byte-budget'
import { BackendAccess } from './domain/students/backend-access'
import { StudentSheets } from './domain/students/student-sheet'
import { Lifecycle } from './lifecycle'
import type { Logger } from './log'
import type { Db } from './store/db'
import { Pairing } from './store/pairing'
import type { RegistrationsRepo } from './store/registrations-repo'
import { createRepositories } from './store/repositories'
import type { SettingsRepo } from './store/settings-repo'
import { SealedSettings } from './store/sealed-settings'
import { SecretBox } from './store/secrets'
import { WEBHOOK_INFO_KEY } from './domain/webhooks/webhook-directory'
import type { TokensRepo } from './store/tokens-repo'
import { lanAddresses } from './net/lan-addresses'

/**
 * The proxy's long-lived parts, made once at start and shared by every route group: the composition root.
 * Every repository, the school-server client and each use case are made here and nowhere else.
 */
export interface Services {
  /** what runs in the background (senders, pruning, recovery, jobs; main.ts adds the servers), started
   * and stopped as one list */
  lifecycle: Lifecycle
  settings: SettingsRepo
  tokens: TokensRepo
  /** the students enrolled through this proxy and on which devices */
  registrations: RegistrationsRepo
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
  const repos = createRepositories(db)
  const { settings, tokens } = repos
  // the proxy's one school-server client (null in LAN-only mode), shared by every use case
  const connections = new BackendConnections()
  const client = backendClientFor(config, connections)
  const schoolServer = new BackendAccess(client)
  // secret.key, read once with the first secret sealed or opened
  const secrets = SecretBox.lazy(config.dataDir)
  const schoolAccounts = new SchoolAccounts({
    repo: repos.schoolAccounts,
    secrets,
    login: config.backend ? screenLoginFor(config.backend, connections) : null,
    // the outbox is made next, with these accounts; both refer to each other only through these calls
    reports: {
      accountReady: (screen) => outbox.accountReady(screen),
      accountGone: (screen) => outbox.accountGone(screen),
      pendingOf: (screen) => outbox.pendingOf(screen),
    },
  })
  const outbox = createOutbox(config, db, logger, { client, accounts: schoolAccounts, repo: repos.outbox })
  // an unpaired screen's reports go with the shared account rather than wait for a screen that is gone
  tokens.onRevoke((tokenId) => schoolAccounts.signOut(tokenId))
  const domain = createDomain({ config, db, repos, logger, outbox, backend: client, secrets })
  const students = createStudents({
    config,
    settings,
    client,
    logger,
    book: domain.book,
    seen: (listed) => domain.schoolNumbers.remember(listed),
  })
  const sealedSettings = new SealedSettings(settings, secrets, [WEBHOOK_INFO_KEY])
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
    backend: client,
    relay: relayAddress,
  })
  const eventRelay = createEventRelay({
    repo: repos.events,
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
    // through the proxy's own connections to the school server, closed when it stops
    post: async (post) => postAttendance(post, { dispatcher: await connections.dispatcher() }),
    log: logger,
  })
  const jobs = createJobs({ repos, logger, domain, directory: client })
  const liveCheck = new LiveCheck({
    registry: domain.registry,
    clients: domain.clients,
    registrations: repos.registrations,
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
    repos,
    logger,
    serverLogs: client,
    domain,
    checks,
    jobs,
    deviceImport,
    liveCheck,
  })
  const lifecycle = backgroundWork({ connections, audit, domain, jobs, outbox, eventRelay })
  return {
    lifecycle,
    settings,
    tokens,
    registrations: repos.registrations,
    pairing: new Pairing(db, repos.pairingCodes, tokens, settings),
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
      registrations: repos.registrations,
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
 * Everything the services run in the background, in the order it starts: the school server's connections
 * (opened on first use), the audit trail (it follows the jobs), then the saga recovery and the jobs on the
 * devices, then the senders to the school server. Stopped in reverse, so nothing writes to a part that has
 * stopped already.
 */
function backgroundWork(
  parts: Pick<Services, 'audit' | 'domain' | 'jobs' | 'outbox' | 'eventRelay'> & {
    connections: BackendConnections
  },
): Lifecycle {
  const { connections, audit, domain, jobs, outbox, eventRelay } = parts
  const lifecycle = new Lifecycle()
  // stopped last: every part that speaks to the school server has stopped by then
  lifecycle.add({ name: 'school-server connections', start: () => {}, stop: () => connections.close() })
  lifecycle.add({
    name: 'audit pruning',
    start: () => audit.log.startPruning(),
    stop: () => audit.log.stopPruning(),
  })
  lifecycle.add({ name: 'job ends', start: () => audit.jobEnds.resume(), stop: () => audit.jobEnds.stop() })
  // undoes what a previous run left half-written on devices (in the background: devices may be slow);
  // its stop also closes every device connection, so it stops after everything that uses them
  lifecycle.add({ name: 'devices and saga recovery', start: () => domain.start(), stop: () => domain.stop() })
  lifecycle.add({ name: 'clone jobs', start: () => jobs.start(), stop: () => jobs.stop() })
  lifecycle.add({ name: 'outbox sender', start: () => outbox.start(), stop: () => outbox.stop() })
  lifecycle.add({ name: 'event relay', start: () => eventRelay.start(), stop: () => eventRelay.stop() })
  return lifecycle
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
