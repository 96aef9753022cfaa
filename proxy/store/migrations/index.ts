import type Database from 'better-sqlite3'
import { m001Tokens } from './001-tokens'
import { m002Devices } from './002-devices'
import { m003Outbox } from './003-outbox'
import { m004Registrations } from './004-registrations'
import { m005Jobs } from './005-jobs'
import { m006Audit } from './006-audit'
import { m007TerminalStates } from './007-terminal-states'
import { m008Hardening } from './008-hardening'
import { m009RelayEvents } from './009-relay-events'
import { m012SlowPairingCodes } from './012-slow-pairing-codes'
import { m013SchoolAccounts } from './013-school-accounts'
import { m014AuditTargetIndex } from './014-audit-target-index'

export interface Migration {
  /** strictly increasing; never renumber a migration that has shipped */
  version: number
  name: string
  up(db: Database.Database): void
}

export const MIGRATIONS: readonly Migration[] = [
  m001Tokens,
  m002Devices,
  m003Outbox,
  m004Registrations,
  m005Jobs,
  m006Audit,
  m007TerminalStates,
  m008Hardening,
  m009RelayEvents,
  m012SlowPairingCodes,
  m013SchoolAccounts,
  m014AuditTargetIndex,
]
