import { computed } from 'vue'
import type { Role } from '../../shared/api'
import { useSessionStore } from '../stores/session'

/**
 * What a screen may be asked to do. The proxy decides (it answers 403 `forbidden`); the app only hides what
 * the screen's role would be refused, so an operator never meets a button that cannot work.
 */
export type Capability =
  // an operator's daily work
  | 'enroll'
  | 'viewQueue'
  | 'viewStudents'
  | 'uploadStudentPhotos'
  | 'viewDevices'
  | 'checkDevices'
  | 'liveCheck'
  // the administrator's
  | 'manageDevices'
  | 'seeDeviceCredentials'
  | 'deleteDeviceUsers'
  | 'removeRegistrations'
  | 'cloneDevices'
  | 'importFromDevices'
  | 'writeDeviceSettings'
  | 'openDoor'
  | 'viewAudit'
  | 'manageTokens'
  | 'pairScreens'
  | 'changeSettings'
  | 'createClasses'

const OPERATOR_CAN: ReadonlySet<Capability> = new Set<Capability>([
  'enroll',
  'viewQueue',
  'viewStudents',
  'uploadStudentPhotos',
  'viewDevices',
  'checkDevices',
  'liveCheck',
])

/** Whether a screen paired with `role` may do `capability`; an unpaired screen (null) may do nothing. */
export function roleCan(role: Role | null, capability: Capability): boolean {
  if (role === 'admin') return true
  if (role === 'operator') return OPERATOR_CAN.has(capability)
  return false
}

/**
 * The role of this screen, reactive: `can('manageDevices')` in a template or computed follows pairing and
 * unpairing. Pages only an admin may open say so with `meta: { admin: true }` on their route instead.
 */
export function useRole() {
  const session = useSessionStore()
  const role = computed<Role | null>(() => (session.isPaired ? session.role : null))
  const isAdmin = computed(() => role.value === 'admin')
  const can = (capability: Capability): boolean => roleCan(role.value, capability)
  return { role, isAdmin, can }
}
