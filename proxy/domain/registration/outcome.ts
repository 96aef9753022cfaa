import type { DeviceOutcome, Registration } from '../../../shared/api/registrations'
import { AppError, ERROR_CODES, type ErrorCode } from '../../../shared/errors'
import type { StoredStudent } from '../../store/registrations-repo'
import type { StepError } from '../../store/sagas-repo'
import { fullName } from './person'

export interface DeviceResult {
  deviceId: string
  status: DeviceOutcome['status']
  error?: StepError
}

/** What a saga stores as its answer: the Registration, and the error it is refused with when it failed. */
export interface StoredOutcome {
  registration: Registration
  error?: StepError & { deviceName?: string }
  /** a refusal because the number is taken: who holds it, for "update this student" */
  existing?: Registration['existing']
}

export function deviceOutcome(result: DeviceResult): DeviceOutcome {
  return {
    deviceId: result.deviceId,
    status: result.status,
    ...(result.error ? { error: result.error } : {}),
  }
}

/**
 * A failed all-or-nothing answer: the HTTP status and code of the first thing that went wrong, with the
 * whole Registration (every device's status and reason) under `details`.
 */
export function failureError(outcome: StoredOutcome): AppError {
  const root = outcome.error ?? { code: 'internal', message: 'The registration failed' }
  const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(root.code)
    ? (root.code as ErrorCode)
    : 'internal'
  const where = outcome.error?.deviceName ? `${outcome.error.deviceName}: ` : ''
  return new AppError(code, `${where}${root.message}`, {
    ...(root.subStatusCode ? { subStatusCode: root.subStatusCode } : {}),
    ...(root.retryAfterSec !== undefined ? { retryAfterSec: root.retryAfterSec } : {}),
    details: outcome.existing
      ? { ...outcome.registration, existing: outcome.existing }
      : outcome.registration,
  })
}

/** The stored answer, given again: the Registration, or the same refusal as the first time. */
export function replay(outcome: StoredOutcome, backend: Registration['backend']): Registration {
  if (outcome.registration.status === 'FAILED') throw failureError(outcome)
  return { ...outcome.registration, backend }
}

export function registrationOf(
  clientId: string,
  employeeNo: string,
  student: StoredStudent,
  devices: DeviceResult[],
  status: Registration['status'],
  backend: 'queued' | 'off' = 'off',
): Registration {
  return {
    clientId,
    employeeNo,
    status,
    devices: devices.map(deviceOutcome),
    backend: { status: backend },
    name: fullName(student),
  }
}
