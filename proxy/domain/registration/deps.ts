import type { Outbox } from '../../backend/outbox'
import type { Logger } from '../../log'
import type { Db } from '../../store/db'
import type { RegistrationsRepo } from '../../store/registrations-repo'
import type { SagasRepo } from '../../store/sagas-repo'
import type { DeviceClients } from '../device-clients'
import type { DeviceRegistry } from '../device-registry'
import type { EmployeeNumbers } from './employee-numbers'

/** What the registration sagas work with; made once by the proxy, or by a test around simulators. */
export interface SagaDeps {
  db: Db
  sagas: SagasRepo
  registrations: RegistrationsRepo
  numbers: EmployeeNumbers
  registry: DeviceRegistry
  clients: DeviceClients
  /** backend reports; in LAN-only mode (`mode: 'lan-only'`) nothing is reported */
  outbox: Outbox
  logger: Logger
  now: () => Date
}

export function backendOn(deps: SagaDeps): boolean {
  return deps.outbox.mode === 'online'
}
