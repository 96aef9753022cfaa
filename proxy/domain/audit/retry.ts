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
}

type Input = Record<string, unknown>
type Repeat = (input: Input, services: RetryServices) => Promise<unknown>

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
 * - imports: the rows typed in are not kept, and the school server's import job has its own idempotent retry
 *   (`import-jobs/:id/retry`) on the import page, keyed by the import's idempotency key.
 */
const REPEATS: Readonly<Record<string, Repeat>> = {
  'device.time.sync': (input, s) => s.syncClock(text(input, 'deviceId')),
  'device.webhook.apply': (input, s) => s.applyWebhook(text(input, 'deviceId')),
  'webhooks.apply-all': (_input, s) => s.applyAllWebhooks(),
  'device.test': (input, s) => s.testDevice(text(input, 'deviceId')),
  // removing a student from devices is idempotent: people already gone count as removed
  'registration.delete': (input, s) =>
    s.removeRegistration(
      text(input, 'employeeNo'),
      Array.isArray(input.deviceIds)
        ? input.deviceIds.filter((id): id is string => typeof id === 'string')
        : undefined,
    ),
  'device-user.delete': (input, s) => s.removeDeviceUser(text(input, 'deviceId'), text(input, 'employeeNo')),
}

export const RETRYABLE_ACTIONS: readonly string[] = Object.keys(REPEATS)

export function isRetryable(record: Pick<AuditRecord, 'action' | 'result' | 'retried'>): boolean {
  return record.result === 'failed' && record.action in REPEATS && !record.retried
}

/** Repeats a failed entry's action; a 409 `conflict` for entries that did not fail or cannot be retried. */
export async function retryEntry(record: AuditRecord | undefined, id: number, services: RetryServices) {
  if (!record) throw new AppError('not_found', `No audit entry ${id}`)
  const repeat = REPEATS[record.action]
  if (record.result !== 'failed') throw new AppError('conflict', 'Only a failed action can be retried')
  if (!repeat) throw new AppError('conflict', `"${record.action}" cannot be retried from the audit trail`)
  if (record.retried) throw new AppError('conflict', 'This action was already retried successfully')
  return repeat(isObject(record.input) ? record.input : {}, services)
}
