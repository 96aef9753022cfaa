import { healthGroup } from './health'
import { pairingGroup } from './pairing'
import { tokensGroup } from './tokens'
import { settingsGroup } from './settings'
import { auditGroup } from './audit'
import { devicesGroup } from './devices'
import { schoolLinkGroup } from './school-link'
import { schoolAccountGroup } from './school-account'
import { discoveryGroup } from './discovery'
import { deviceStatusGroup } from './device-status'
import { deviceTimeGroup } from './device-time'
import { deviceSettingsGroup } from './device-settings'
import { deviceUsersGroup } from './device-users'
import { webhooksGroup } from './webhooks'
import { registrationsGroup } from './registrations'
import { jobsGroup } from './jobs'
import { liveCheckGroup } from './live-check'
import { outboxGroup } from './outbox'
import { studentsGroup } from './students'
import { studentExportGroup } from './student-export'
import { deviceImportGroup } from './device-import'
import { classesGroup } from './classes'
import { eventRelayGroup } from './event-relay'
import type { RouteDeclaration } from './route'

export * from './route'
export * from './health'
export * from './pairing'
export * from './tokens'
export * from './settings'
export * from './audit'
export * from './devices'
export * from './school-link'
export * from './school-account'
export * from './discovery'
export * from './device-status'
export * from './device-time'
export * from './device-settings'
export * from './device-users'
export * from './webhooks'
export * from './registrations'
export * from './jobs'
export * from './live-check'
export * from './outbox'
export * from './students'
export * from './student-export'
export * from './device-import'
export * from './classes'
export * from './event-relay'

/**
 * Every API route the proxy mounts, group by group in the order docs/api.md lists them. A route is declared
 * in its group's file and listed in that file's own list; nothing else names it.
 */
export const ROUTES: readonly RouteDeclaration[] = [
  ...healthGroup,
  ...pairingGroup,
  ...tokensGroup,
  ...settingsGroup,
  ...auditGroup,
  ...devicesGroup,
  ...schoolLinkGroup,
  ...schoolAccountGroup,
  ...discoveryGroup,
  ...deviceStatusGroup,
  ...deviceTimeGroup,
  ...deviceSettingsGroup,
  ...deviceUsersGroup,
  ...webhooksGroup,
  ...registrationsGroup,
  ...jobsGroup,
  ...liveCheckGroup,
  ...outboxGroup,
  ...studentsGroup,
  ...studentExportGroup,
  ...deviceImportGroup,
  ...classesGroup,
  ...eventRelayGroup,
]
