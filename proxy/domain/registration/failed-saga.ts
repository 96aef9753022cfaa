import type { Registration } from '../../../shared/api/registrations'
import type { StoredStudent } from '../../store/registrations-repo'
import type { StepError } from '../../store/sagas-repo'
import type { SagaDeps } from './deps'
import { failureError, registrationOf, type DeviceResult, type StoredOutcome } from './outcome'
import type { StepFailure } from './step-log'
import type { Target } from './targets'
import { undoDevices, type UndoResult, type UndoWork } from './undo'

/** Whom a saga's answer names. */
export interface SagaSubject {
  sagaId: string
  clientId: string
  employeeNo: string
  student: StoredStudent
}

/** What puts a saga's devices back: the devices it may have written, and the work on each. */
export interface Rollback {
  deviceIds: string[]
  work: UndoWork
}

/**
 * The tail every failed or interrupted saga shares: marked `undoing`, its devices put back, its answer
 * recorded. It comes to rest (`done`) only once every device is back; a device still unreachable keeps it
 * `undoing` for the recovery pass. Returns the answer and whether every device is back.
 */
export async function rollBack(
  deps: SagaDeps,
  sagaId: string,
  rollback: Rollback,
  answer: (undo: Map<string, UndoResult>) => StoredOutcome,
): Promise<{ outcome: StoredOutcome; finished: boolean }> {
  deps.sagas.setState(sagaId, 'undoing', deps.now().toISOString())
  const undo = await undoDevices(deps, sagaId, rollback.deviceIds, rollback.work)
  const outcome = answer(undo)
  const finished = [...undo.values()].every((u) => u.undone)
  deps.sagas.setResult(sagaId, outcome, finished ? 'done' : 'undoing', deps.now().toISOString())
  return { outcome, finished }
}

/**
 * A saga that failed on its devices: put back, recorded with the first failure (and the device's name) as
 * its error, logged, and thrown as the refusal the client gets, every device's status under `details`.
 */
export async function failOnDevices(
  deps: SagaDeps,
  what: 'registration' | 'edit',
  subject: SagaSubject,
  targets: Target[],
  failures: StepFailure[],
  rollback: Rollback,
): Promise<never> {
  const first = failures[0] as StepFailure
  const failedAt = new Map(failures.map((f) => [f.deviceId, f.error]))
  const deviceName = targets.find((t) => t.deviceId === first.deviceId)?.device.name
  const { outcome, finished } = await rollBack(deps, subject.sagaId, rollback, (undo) => ({
    registration: failedRegistration(
      subject,
      targets.map((t) => failedDeviceResult(t.deviceId, failedAt.get(t.deviceId), undo.get(t.deviceId))),
    ),
    error: { ...first.error, ...(deviceName ? { deviceName } : {}) },
  }))
  const { sagaId, employeeNo } = subject
  deps.logger.warn({ sagaId, employeeNo, code: first.error.code, undone: finished }, `${what} failed`)
  throw failureError(outcome)
}

/** The FAILED Registration a failed or interrupted saga answers with. */
export function failedRegistration(subject: SagaSubject, devices: DeviceResult[]): Registration {
  return registrationOf(subject.clientId, subject.employeeNo, subject.student, devices, 'FAILED')
}

/** A device of a failed saga: its own failure, else what the undo did there. */
export function failedDeviceResult(
  deviceId: string,
  failure: StepError | undefined,
  undo?: UndoResult,
): DeviceResult {
  if (undo && !undo.undone) {
    return {
      deviceId,
      status: 'FAILED',
      error: {
        ...(undo.error ?? { code: 'internal', message: '' }),
        message: `What was written could not be removed yet (${undo.error?.message ?? 'unknown'}); the proxy keeps trying`,
      },
    }
  }
  if (failure) return { deviceId, status: 'FAILED', error: failure }
  return { deviceId, status: undo?.wrote ? 'ROLLED_BACK' : 'SKIPPED' }
}
