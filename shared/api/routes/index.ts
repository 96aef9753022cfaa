import { healthRoutes } from './health'
import { pairingRoutes } from './pairing'
import { tokensRoutes } from './tokens'
import { settingsRoutes } from './settings'
import { auditRoutes } from './audit'
import { devicesRoutes } from './devices'
import { schoolLinkRoutes } from './school-link'
import { schoolAccountRoutes } from './school-account'
import { discoveryRoutes } from './discovery'
import { deviceStatusRoutes } from './device-status'
import { deviceTimeRoutes } from './device-time'
import { deviceSettingsRoutes } from './device-settings'
import { deviceUsersRoutes } from './device-users'
import { webhooksRoutes } from './webhooks'
import { registrationsRoutes } from './registrations'
import { jobsRoutes } from './jobs'
import { liveCheckRoutes } from './live-check'
import { outboxRoutes } from './outbox'
import { studentsRoutes } from './students'
import { studentExportRoutes } from './student-export'
import { deviceImportRoutes } from './device-import'
import { classesRoutes } from './classes'
import { eventRelayRoutes } from './event-relay'
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
  ...healthRoutes,
  ...pairingRoutes,
  ...tokensRoutes,
  ...settingsRoutes,
  ...auditRoutes,
  ...devicesRoutes,
  ...schoolLinkRoutes,
  ...schoolAccountRoutes,
  ...discoveryRoutes,
  ...deviceStatusRoutes,
  ...deviceTimeRoutes,
  ...deviceSettingsRoutes,
  ...deviceUsersRoutes,
  ...webhooksRoutes,
  ...registrationsRoutes,
  ...jobsRoutes,
  ...liveCheckRoutes,
  ...outboxRoutes,
  ...studentsRoutes,
  ...studentExportRoutes,
  ...deviceImportRoutes,
  ...classesRoutes,
  ...eventRelayRoutes,
]
