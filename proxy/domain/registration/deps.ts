import type { BackendStudent } from '../../../shared/api/backend'
import type { Outbox } from '../../backend/outbox'
import type { Logger } from '../../log'
import type { Db } from '../../store/db'
import type { RegistrationsRepo } from '../../store/registrations-repo'
import type { SagasRepo } from '../../store/sagas-repo'
import type { DeviceClients } from '../device-clients'
import type { DeviceRegistry } from '../device-registry'
import type { DeviceFactsCache } from './device-facts-cache'
import type { TerminalBook } from '../terminal-states/terminal-book'
import type { EmployeeNumbers } from './employee-numbers'
import type { SchoolNumbers } from './school-numbers'

/** The school server's students as the sagas need them: found by number, deleted on request. */
export interface SchoolStudents {
  studentByDeviceStudentId(
    deviceStudentId: string,
    options?: { signal?: AbortSignal },
  ): Promise<BackendStudent | null>
  deleteStudent(studentId: string, options?: { signal?: AbortSignal }): Promise<unknown>
}

/** What the registration sagas work with; made once by the proxy, or by a test around simulators. */
export interface SagaDeps {
  db: Db
  sagas: SagasRepo
  registrations: RegistrationsRepo
  numbers: EmployeeNumbers
  registry: DeviceRegistry
  clients: DeviceClients
  /** what each device can do, kept between registrations (one per registry) */
  facts: DeviceFactsCache
  /** backend reports; in LAN-only mode (`mode: 'lan-only'`) nothing is reported */
  outbox: Outbox
  logger: Logger
  now: () => Date
  /** where what the sagas leave on each terminal is remembered; absent in tests that do not look */
  book?: TerminalBook
  /** null or absent in LAN-only mode */
  school?: SchoolStudents | null
  /** a school server student's deviceStudentId by the student's id, remembered */
  schoolNumbers?: SchoolNumbers
}

export function backendOn(deps: SagaDeps): boolean {
  return deps.outbox.mode === 'online'
}
