import { AuditRepo } from './audit-repo'
import type { Db } from './db'
import { DevicesRepo } from './devices-repo'
import { EmployeeNumbersRepo } from './employee-numbers-repo'
import { EventsRepo } from './events-repo'
import { JobsRepo } from './jobs-repo'
import { OutboxRepo } from './outbox-repo'
import { PairingCodesRepo } from './pairing-codes-repo'
import { RegistrationsRepo } from './registrations-repo'
import { SagasRepo } from './sagas-repo'
import { SchoolAccountsRepo } from './school-accounts-repo'
import { SettingsRepo } from './settings-repo'
import { TerminalStatesRepo } from './terminal-states-repo'
import { TokensRepo } from './tokens-repo'

/** One repository per table, made once by the composition root (proxy/services.ts) and handed down. */
export interface Repositories {
  settings: SettingsRepo
  tokens: TokensRepo
  pairingCodes: PairingCodesRepo
  schoolAccounts: SchoolAccountsRepo
  devices: DevicesRepo
  registrations: RegistrationsRepo
  terminalStates: TerminalStatesRepo
  employeeNumbers: EmployeeNumbersRepo
  sagas: SagasRepo
  jobs: JobsRepo
  audit: AuditRepo
  events: EventsRepo
  outbox: OutboxRepo
}

export function createRepositories(db: Db): Repositories {
  return {
    settings: new SettingsRepo(db),
    tokens: new TokensRepo(db),
    pairingCodes: new PairingCodesRepo(db),
    schoolAccounts: new SchoolAccountsRepo(db),
    devices: new DevicesRepo(db),
    registrations: new RegistrationsRepo(db),
    terminalStates: new TerminalStatesRepo(db),
    employeeNumbers: new EmployeeNumbersRepo(db),
    sagas: new SagasRepo(db),
    jobs: new JobsRepo(db),
    audit: new AuditRepo(db),
    events: new EventsRepo(db),
    outbox: new OutboxRepo(db),
  }
}
