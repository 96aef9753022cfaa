import type { Role } from '../../../shared/api/pairing'
import { AppError } from '../../../shared/errors'
import type { AuditRecord } from '../../store/audit-repo'
import { isObject } from './snapshots'

/** The services a retry repeats an action through. */
export interface RetryServices {
  syncClock(deviceId: string): Promise<unknown>
  applyWebhook(deviceId: string): Promise<unknown>
  applyAllWebhooks(): Promise<unknown>
  testDevice(deviceId: string): Promise<unknown>
  removeRegistration(employeeNo: string, deviceIds?: string[]): Promise<unknown>
  removeDeviceUser(deviceId: string, employeeNo: string): Promise<unknown>
  /** a new import attempt (new idempotency key) of the rows that were not imported */
  importRows(deviceId: string, rows: unknown[]): Promise<unknown>
  /** writes onto the devices what a live check found missing */
  fixStudent(request: { employeeNo: string; deviceIds: string[]; studentId?: string }): Promise<unknown>
}

type Input = Record<string, unknown>
type Repeat = (input: Input, services: RetryServices) => Promise<unknown>
/** A repeatable action and the role its own route asks of a caller (re-checked for the retrying screen). */
interface Repeatable {
  role: Role
  repeat: Repeat
}

/** The screen asking for a retry, and what it confirmed it is repeating (the app shows both before asking). */
export interface RetryRequest {
  caller: { role: Role }
  confirm: { action: string; targetId: string | null }
}

const text = (input: Input, name: string): string => {
  const value = input[name]
  if (typeof value !== 'string' || value === '') {
    throw new AppError('conflict', 'This entry does not say enough to repeat the action; do it again by hand')
  }
  return value
}

/**
 * Actions a failed entry may repeat from the audit page. Each one sets a state on a device from things the
 * proxy still has (the school's webhook URL, its clock, the registry), so repeating it once the cause is
 * gone (a device back online, a password fixed) does exactly what was meant, and repeating twice is harmless.
 *
 * Left out on purpose:
 * - registration create and edit: the photo is never kept in the trail; the queue on the screen retries them;
 * - device add and change: the password typed in is never kept;
 * - device delete, token rename and revoke, settings: local changes that fail only on bad input, not by chance;
 * - pairing: a code is single-use and a secret;
 * - clone jobs: a new job from the Devices page starts from where the device is now;
 *
 * Imports are retried: the rows not imported are kept with the entry (never shown) and sent again with a
 * new idempotency key, as the import page does; rows already imported are not sent twice.
 */
const REPEATS: Readonly<Record<string, Repeatable>> = {
  'device.time.sync': { role: 'operator', repeat: (input, s) => s.syncClock(text(input, 'deviceId')) },
  'device.webhook.apply': { role: 'operator', repeat: (input, s) => s.applyWebhook(text(input, 'deviceId')) },
  'webhooks.apply-all': { role: 'operator', repeat: (_input, s) => s.applyAllWebhooks() },
  'device.test': { role: 'operator', repeat: (input, s) => s.testDevice(text(input, 'deviceId')) },
  // removing a student from devices is idempotent: people already gone count as removed
  'registration.delete': {
    role: 'admin',
    repeat: (input, s) =>
      s.removeRegistration(
        text(input, 'employeeNo'),
        Array.isArray(input.deviceIds) ? strings(input.deviceIds) : undefined,
      ),
  },
  'device-user.delete': {
    role: 'admin',
    repeat: (input, s) => s.removeDeviceUser(text(input, 'deviceId'), text(input, 'employeeNo')),
  },
  // the rows not imported, sent again as the import page's own retry does (a new key, the same rows)
  'device-import.commit': {
    role: 'admin',
    repeat: (input, s) => s.importRows(text(input, 'deviceId'), rowsOf(input)),
  },
  'device-import.retry': {
    role: 'admin',
    repeat: (input, s) => s.importRows(text(input, 'deviceId'), rowsOf(input)),
  },
  // writes only what the devices still lack, so repeating it is harmless
  'live-check.fix': {
    role: 'operator',
    repeat: (input, s) =>
      s.fixStudent({
        employeeNo: text(input, 'employeeNo'),
        deviceIds: strings(input.deviceIds),
        ...(typeof input.studentId === 'string' ? { studentId: input.studentId } : {}),
      }),
  },
}

/**
 * A failure on the far side of an allowed action: a device (or the school server, for imports) did not
 * carry it out. Only these may be repeated; a request the proxy turned down is `refused`, and an internal
 * error is not a thing to repeat blindly.
 */
function farSideFailure(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith('device_') || code.startsWith('backend_'))
}

function rowsOf(input: Input): unknown[] {
  const rows = Array.isArray(input.rows) ? input.rows : []
  if (rows.length === 0) throw new AppError('conflict', 'This import has no rows left to retry')
  return rows
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

export const RETRYABLE_ACTIONS: readonly string[] = Object.keys(REPEATS)

export function isRetryable(record: Pick<AuditRecord, 'action' | 'result' | 'retried' | 'error'>): boolean {
  return (
    record.result === 'failed' &&
    record.action in REPEATS &&
    !record.retried &&
    farSideFailure(record.error?.code)
  )
}

/**
 * Repeats a failed entry's action for the screen that asks, as that screen: its role is checked against
 * what the action's own route asks, and it must name the action and target it confirmed, so a stale page
 * or a bare API call cannot repeat something other than what a person saw. A 409 `conflict` for entries
 * that were refused, did not fail, failed on our side or cannot be retried.
 */
export async function retryEntry(
  record: AuditRecord | undefined,
  id: number,
  services: RetryServices,
  request: RetryRequest,
) {
  if (!record) throw new AppError('not_found', `No audit entry ${id}`)
  const repeatable = REPEATS[record.action]
  if (record.result === 'refused') {
    throw new AppError(
      'conflict',
      'This request was refused before anything was attempted; it cannot be retried',
    )
  }
  if (record.result !== 'failed') throw new AppError('conflict', 'Only a failed action can be retried')
  if (!repeatable) throw new AppError('conflict', `"${record.action}" cannot be retried from the audit trail`)
  if (record.retried) throw new AppError('conflict', 'This action was already retried successfully')
  if (!farSideFailure(record.error?.code)) {
    throw new AppError(
      'conflict',
      'Only an action a device did not carry out can be retried; do it again by hand',
    )
  }
  if (request.caller.role !== 'admin' && request.caller.role !== repeatable.role) {
    throw new AppError(
      'forbidden',
      `Only an ${repeatable.role} may repeat this; this screen is ${request.caller.role}`,
    )
  }
  if (request.confirm.action !== record.action || request.confirm.targetId !== (record.target?.id ?? null)) {
    throw new AppError(
      'conflict',
      'The confirmed action or target is not this entry’s; reload and confirm again',
    )
  }
  return repeatable.repeat(isObject(record.input) ? record.input : {}, services)
}
