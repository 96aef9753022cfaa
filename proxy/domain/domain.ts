import type { DeviceTestResult } from '../../shared/api/devices'
import { AppError } from '../../shared/errors'
import type { Outbox } from '../backend/outbox'
import type { Config } from '../config'
import type { IsapiTimeouts } from '../isapi'
import type { Logger } from '../log'
import { AllowedHosts } from '../net/allowed-hosts'
import type { Db } from '../store/db'
import type { Repositories } from '../store/repositories'
import { SecretBox } from '../store/secrets'
import { DeviceClients } from './device-clients'
import { DeviceRegistry } from './device-registry'
import { testDeviceConnection } from './device-test'
import { DeviceUsers } from './device-users'
import { deviceFactsOf } from './registration/device-facts-cache'
import { EmployeeNumbers, type StudentIdLookup } from './registration/employee-numbers'
import type { SchoolStudents } from './registration/deps'
import { SchoolNumbers, type StudentPages } from './registration/school-numbers'
import { Registrations } from './registration/service'
import { TerminalBook } from './terminal-states/terminal-book'

/** Devices, their people and the registration sagas: what the device and registration routes call. */
export interface Domain {
  registry: DeviceRegistry
  /** the SR_DEVICE_NETS fence every device address goes through */
  allowedHosts: AllowedHosts
  clients: DeviceClients
  deviceUsers: DeviceUsers
  registrations: Registrations
  /** `force` (an admin): one more login with credentials that were refused before */
  testDevice(deviceId: string, options?: { force?: boolean }): Promise<DeviceTestResult>
  /**
   * Removes a device entry, unless an undo is still owed on it (`device_undo_pending`, naming the students):
   * `finishFirst` tries to finish those undos now and removes the entry if they all finished.
   */
  removeDevice(deviceId: string, options?: { finishFirst?: boolean }): Promise<void>
  /** who is on which terminal, as every source of the proxy last saw it */
  book: TerminalBook
  /** school server students' deviceStudentIds by student id, remembered from every list seen */
  schoolNumbers: SchoolNumbers
  /** starts the recovery of sagas a previous run left unfinished (in the background) */
  start(): void
  stop(): Promise<void>
}

export interface DomainOptions {
  config: Pick<Config, 'dataDir' | 'deviceNets'>
  db: Db
  repos: Pick<Repositories, 'devices' | 'registrations' | 'terminalStates' | 'employeeNumbers' | 'sagas'>
  logger: Logger
  outbox: Outbox
  /** the school server's client (its student lookup), null in LAN-only mode */
  backend: (StudentIdLookup & Partial<SchoolStudents>) | null
  /** the box device passwords are sealed with; by default one on the data dir's secret.key */
  secrets?: Pick<SecretBox, 'seal' | 'open'>
  /** for tests: a clock, device timeouts, a recovery interval */
  now?: () => Date
  timeouts?: Partial<IsapiTimeouts>
  recoveryIntervalMs?: number
  allowedHosts?: AllowedHosts
  /** where new employeeNo candidates come from (tests pin them) */
  drawEmployeeNo?: () => string
}

export function createDomain(options: DomainOptions): Domain {
  const { db, repos, logger, outbox, backend } = options
  const now = options.now ?? (() => new Date())
  const allowedHosts = options.allowedHosts ?? new AllowedHosts(options.config.deviceNets)
  const registry = new DeviceRegistry({
    repo: repos.devices,
    secrets: options.secrets ?? SecretBox.lazy(options.config.dataDir),
    allowedHosts,
    now,
  })
  const clients = new DeviceClients({
    registry,
    allowedHosts,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  })
  const book = new TerminalBook(repos.terminalStates, registry, now)
  // a terminal deleted from the registry takes what was known of it along
  registry.onChange((deviceId) => {
    if (!registry.has(deviceId)) book.forgetDevice(deviceId)
  })
  const schoolNumbers = new SchoolNumbers(
    backend && 'listAllStudents' in backend ? (backend as StudentPages) : null,
  )
  const numbers = new EmployeeNumbers({
    repo: repos.employeeNumbers,
    backend,
    ...(options.drawEmployeeNo ? { random: options.drawEmployeeNo } : {}),
    logger,
    now,
  })
  const registrations = new Registrations(
    {
      db,
      sagas: repos.sagas,
      registrations: repos.registrations,
      numbers,
      registry,
      clients,
      facts: deviceFactsOf(registry),
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
    allowedHosts,
    clients,
    deviceUsers: new DeviceUsers(clients, repos.registrations, book),
    registrations,
    book,
    schoolNumbers,
    testDevice: (deviceId, test) => testDeviceConnection(registry, clients, deviceId, test),
    async removeDevice(deviceId, removal = {}) {
      const { name } = registry.get(deviceId)
      let owed = registrations.owedOn(deviceId)
      if (owed.length > 0 && removal.finishFirst) owed = await registrations.finishOwedOn(deviceId)
      if (owed.length > 0) {
        throw new AppError(
          'device_undo_pending',
          `"${name}" still holds ${owed.length} student(s) a failed enrollment must take off it; ` +
            'finish that first (the terminal must answer), then remove it',
          { details: { deviceId, employeeNos: owed.slice(0, 50), owed: owed.length } },
        )
      }
      registry.delete(deviceId)
    },
    start: () => registrations.start(),
    async stop() {
      const recovering = registrations.stop()
      await clients.close()
      await recovering
    },
  }
}

/** The sagas' view of the school server, when the backend given can do both lookups and deletes. */
function schoolOf(backend: (StudentIdLookup & Partial<SchoolStudents>) | null): SchoolStudents | null {
  if (!backend?.studentByDeviceStudentId || !backend.deleteStudent) return null
  return backend as SchoolStudents
}
