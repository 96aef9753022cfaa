import type { JobError } from '../../../shared/api/jobs'
import { AppError } from '../../../shared/errors'

/** Failures of the device or backend as a whole: the job stops (and may try again), no person is blamed. */
const WHOLE_JOB = new Set([
  'device_unreachable',
  'device_auth_failed',
  'device_locked',
  'credentials_expired',
  'host_not_allowed',
  'not_found',
  'backend_unavailable',
  'capacity_exceeded',
  'internal',
])

/** Of those, the ones that pass by themselves: a resumed pass may succeed after a pause. */
const PASSING = new Set(['device_unreachable', 'device_locked', 'backend_unavailable'])

/** The device's sub-statuses that mean "no more room". */
const FULL = new Set(['deviceuserfull', 'devicefacefull', 'facelibraryfull', 'devicefull'])

export function stopsTheJob(error: unknown): boolean {
  return !(error instanceof AppError) || WHOLE_JOB.has(error.code)
}

export function passes(error: unknown): boolean {
  return error instanceof AppError && PASSING.has(error.code)
}

export function targetFull(error: unknown): boolean {
  return (
    error instanceof AppError &&
    error.code === 'device_rejected' &&
    FULL.has((error.extra.subStatusCode ?? '').toLowerCase())
  )
}

/** The stored form of a failure: stable code, human message, and the device's own reason when it gave one. */
export function jobError(
  error: unknown,
  who: Pick<JobError, 'employeeNo' | 'studentId' | 'name'> = {},
): JobError {
  if (error instanceof AppError) {
    return {
      ...who,
      code: error.code,
      message: error.message,
      ...(error.extra.subStatusCode ? { subStatusCode: error.extra.subStatusCode } : {}),
    }
  }
  return { ...who, code: 'internal', message: error instanceof Error ? error.message : String(error) }
}
