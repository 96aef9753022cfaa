import type { DeviceTestResult } from '../../shared/api/devices'
import { backendClientFor } from '../backend/for-config'
import type { Outbox } from '../backend/outbox'
import type { Config } from '../config'
import type { IsapiTimeouts } from '../isapi'
import type { Logger } from '../log'
import { AllowedHosts } from '../net/allowed-hosts'
import type { Db } from '../store/db'
import { DevicesRepo } from '../store/devices-repo'
import { EmployeeNumbersRepo } from '../store/employee-numbers-repo'
import { RegistrationsRepo } from '../store/registrations-repo'
import { SagasRepo } from '../store/sagas-repo'
import { SecretBox } from '../store/secrets'
import { TerminalStatesRepo } from '../store/terminal-states-repo'
import { DeviceClients } from './device-clients'
import { DeviceRegistry } from './device-registry'
import { testDeviceConnection } from './device-test'
import { DeviceUsers } from './device-users'
import { EmployeeNumbers, type StudentIdLookup } from './registration/employee-numbers'
import type { SchoolStudents } from './registration/deps'
import { SchoolNumbers, type StudentPages } from './registration/school-numbers'
import { Registrations } from './registration/service'
import { TerminalBook } from './terminal-states/terminal-book'

/** Devices, their people and the registration sagas: what the device and registration routes call. */
export interface Domain {
  registry: DeviceRegistry
  clients: DeviceClients
  deviceUsers: DeviceUsers
  registrations: Registrations
  /** who is on which terminal, as every source of the proxy last saw it */
  book: TerminalBook
  /** school server students' deviceStudentIds by student id, remembered from every list seen */
  schoolNumbers: SchoolNumbers
  testDevice(deviceId: string): Promise<DeviceTestResult>
  /** starts the recovery of sagas a previous run left unfinished (in the background) */
  start(): void
  stop(): Promise<void>
}

export interface DomainOptions {
  config: Pick<Config, 'dataDir' | 'deviceNets' | 'backend'>
  db: Db
  logger: Logger
  outbox: Outbox
  /** the backend's student lookup; by default a client of the configured backend, if any */
  backend?: (StudentIdLookup & Partial<SchoolStudents>) | null
  /** for tests: a secrets box, a clock, device timeouts, a recovery interval */
  secrets?: Pick<SecretBox, 'seal' | 'open'>
  now?: () => Date
  timeouts?: Partial<IsapiTimeouts>
  recoveryIntervalMs?: number
  allowedHosts?: AllowedHosts
  /** where new employeeNo candidates come from (tests pin them) */
  drawEmployeeNo?: () => string
}

export function createDomain(options: DomainOptions): Domain {
  const { db, logger, outbox } = options
  const now = options.now ?? (() => new Date())
  const allowedHosts = options.allowedHosts ?? new AllowedHosts(options.config.deviceNets)
  const registry = new DeviceRegistry({
    repo: new DevicesRepo(db),
    secrets: options.secrets ?? lazySecrets(options.config.dataDir),
    allowedHosts,
    now,
  })
  const clients = new DeviceClients({
    registry,
    allowedHosts,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  })
  const registrationsRepo = new RegistrationsRepo(db)
  const book = new TerminalBook(new TerminalStatesRepo(db), registry, now)
  // a terminal deleted from the registry takes what was known of it along
  registry.onChange((deviceId) => {
    if (!registry.has(deviceId)) book.forgetDevice(deviceId)
  })
  const backend = options.backend === undefined ? lookupFrom(options.config) : options.backend
  const schoolNumbers = new SchoolNumbers(
    backend && 'listAllStudents' in backend ? (backend as StudentPages) : null,
  )
  const numbers = new EmployeeNumbers({
    repo: new EmployeeNumbersRepo(db),
    backend,
    ...(options.drawEmployeeNo ? { random: options.drawEmployeeNo } : {}),
    logger,
    now,
  })
  const registrations = new Registrations(
    {
      db,
      sagas: new SagasRepo(db),
      registrations: registrationsRepo,
      numbers,
      registry,
      clients,
      outbox,
      logger,
      now,
      book,
      school: schoolOf(backend),
      schoolNumbers,
    },
    options.recoveryIntervalMs !== undefined ? { recoveryIntervalMs: options.recoveryIntervalMs } : {},
  )
  return {
    registry,
    clients,
    deviceUsers: new DeviceUsers(clients, registrationsRepo, book),
    registrations,
    book,
    schoolNumbers,
    testDevice: (deviceId) => testDeviceConnection(registry, clients, deviceId),
    start: () => registrations.start(),
    async stop() {
      const recovering = registrations.stop()
      await clients.close()
      await recovering
    },
  }
}

/** The key file is read (or made) on first use, so a proxy that never stores a password never makes one. */
function lazySecrets(dataDir: string): Pick<SecretBox, 'seal' | 'open'> {
  let box: SecretBox | undefined
  const get = () => (box ??= SecretBox.forDataDir(dataDir))
  return { seal: (plain) => get().seal(plain), open: (sealed) => get().open(sealed) }
}

/** The sagas' view of the school server, when the backend given can do both lookups and deletes. */
function schoolOf(backend: (StudentIdLookup & Partial<SchoolStudents>) | null): SchoolStudents | null {
  if (!backend?.studentByDeviceStudentId || !backend.deleteStudent) return null
  return backend as SchoolStudents
}

/** Asks the configured backend whether a new employeeNo is free (`by-device-student-id`). */
function lookupFrom(config: Pick<Config, 'backend'>): StudentIdLookup | null {
  return backendClientFor(config)
}
