import { AppError } from '../../../shared/errors'
import type { SagasRepo, StepError } from '../../store/sagas-repo'

/**
 * What the saga asks of a device, as logged. `undo:*` put a device back; `undone` marks a device whose
 * undo is complete (it sends nothing).
 */
export type StepAction =
  | 'create-user'
  | 'upload-face'
  | 'modify-user'
  | 'setup-face'
  | 'remove-person'
  | 'undo:remove-person'
  | 'undo:create-user'
  | 'undo:upload-face'
  | 'undo:modify-user'
  | 'undo:setup-face'
  | 'undone'

/** Answers after which the device has certainly not applied the request. */
const REFUSALS = new Set([
  'device_rejected',
  'device_auth_failed',
  'device_locked',
  'validation_failed',
  'image_invalid',
  'credentials_expired',
  'host_not_allowed',
  'not_found',
])

/** The saga's write-ahead log per device: a step is stored as sent before it leaves, and its end after. */
export class StepLog {
  constructor(
    private readonly repo: SagasRepo,
    private readonly sagaId: string,
    private readonly now: () => Date,
  ) {}

  async run<T>(deviceId: string, action: StepAction, work: () => Promise<T>): Promise<T> {
    const seq = this.repo.beginStep(this.sagaId, deviceId, action, this.stamp())
    try {
      const value = await work()
      this.repo.endStep(this.sagaId, deviceId, seq, 'done', null, this.stamp())
      return value
    } catch (error) {
      const state = isRefusal(error) ? 'refused' : 'failed'
      this.repo.endStep(this.sagaId, deviceId, seq, state, stepError(error), this.stamp())
      throw error
    }
  }

  mark(deviceId: string, action: StepAction): void {
    const seq = this.repo.beginStep(this.sagaId, deviceId, action, this.stamp())
    this.repo.endStep(this.sagaId, deviceId, seq, 'done', null, this.stamp())
  }

  private stamp(): string {
    return this.now().toISOString()
  }
}

export function isRefusal(error: unknown): boolean {
  return error instanceof AppError && REFUSALS.has(error.code)
}

/** The part of an error worth keeping and showing: code, message, the device's own sub-status. */
export function stepError(error: unknown): StepError {
  if (!(error instanceof AppError)) {
    return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
  }
  return {
    code: error.code,
    message: error.message,
    ...(error.extra.subStatusCode ? { subStatusCode: error.extra.subStatusCode } : {}),
    ...(error.extra.retryAfterSec !== undefined ? { retryAfterSec: error.extra.retryAfterSec } : {}),
  }
}

/** A device whose step failed, with the reason the caller reports for it. */
export interface StepFailure {
  deviceId: string
  error: StepError
}

/**
 * Runs logged steps across devices in parallel and stops starting new ones once any device failed: all of
 * it is going to be undone. `reason` may turn a thrown error into a more telling one for its step.
 */
export function failFastSteps(
  log: StepLog,
  reason: (action: StepAction, error: unknown) => StepError = (_action, error) => stepError(error),
): {
  failures: StepFailure[]
  step(deviceId: string, action: StepAction, work: () => Promise<unknown>): Promise<boolean>
} {
  const failures: StepFailure[] = []
  return {
    failures,
    async step(deviceId, action, work) {
      if (failures.length > 0) return false
      try {
        await log.run(deviceId, action, work)
        return true
      } catch (error) {
        failures.push({ deviceId, error: reason(action, error) })
        return false
      }
    },
  }
}
