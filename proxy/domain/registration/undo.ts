import type { IsapiClient } from '../../isapi'
import type { StepError, StepRecord } from '../../store/sagas-repo'
import type { SagaDeps } from './deps'
import { removePerson } from './device-ops'
import { StepLog, stepError } from './step-log'

export interface UndoResult {
  /** something was (or may have been) changed on the device */
  wrote: boolean
  /** the device is as it was before the saga: put back, or there was nothing to put back */
  undone: boolean
  error?: StepError
}

const FORWARD = new Set(['create-user', 'upload-face', 'modify-user', 'setup-face', 'remove-person'])

/** Steps the device may have applied: confirmed, or sent without a readable answer. A refusal applied nothing. */
export function attempted(steps: StepRecord[], action?: string): boolean {
  return steps.some(
    (step) =>
      FORWARD.has(step.action) &&
      (action === undefined || step.action === action) &&
      step.state !== 'refused',
  )
}

export function alreadyUndone(steps: StepRecord[]): boolean {
  return steps.some((step) => step.action === 'undone' && step.state === 'done')
}

/** Puts one device back, given what the log says was attempted there. Throws when the device fails it. */
export type UndoWork = (
  client: IsapiClient,
  steps: StepRecord[],
  log: StepLog,
  deviceId: string,
) => Promise<void>

/**
 * Undoes a saga on each device in parallel, as far as its log says anything was attempted there. A device
 * that is finished is marked `undone` in the log, so a later pass (after a crash, or after the device
 * was offline) does only what is left. A device deleted from the registry meanwhile is given up.
 */
export async function undoDevices(
  deps: SagaDeps,
  sagaId: string,
  deviceIds: string[],
  work: UndoWork,
): Promise<Map<string, UndoResult>> {
  const log = new StepLog(deps.sagas, sagaId, deps.now)
  const results = await Promise.all(
    deviceIds.map(async (deviceId): Promise<[string, UndoResult]> => {
      const steps = deps.sagas.steps(sagaId, deviceId)
      const wrote = attempted(steps)
      if (alreadyUndone(steps)) return [deviceId, { wrote, undone: true }]
      if (!wrote) {
        log.mark(deviceId, 'undone')
        return [deviceId, { wrote, undone: true }]
      }
      if (!deps.registry.has(deviceId)) {
        deps.logger.warn({ sagaId, deviceId }, 'device left the registry before its undo; given up')
        log.mark(deviceId, 'undone')
        return [deviceId, { wrote, undone: true }]
      }
      try {
        await work(deps.clients.get(deviceId), steps, log, deviceId)
        log.mark(deviceId, 'undone')
        return [deviceId, { wrote, undone: true }]
      } catch (error) {
        return [deviceId, { wrote, undone: false, error: stepError(error) }]
      }
    }),
  )
  return new Map(results)
}

/**
 * The undo of a registration: remove the face and the person by the one employeeNo. A person refused as
 * already existing was never ours (its create was refused, so it counts as not attempted) and stays.
 */
export function removeWrites(employeeNo: string): UndoWork {
  return (client, steps, log, deviceId) =>
    log.run(deviceId, 'undo:remove-person', () =>
      removePerson(client, employeeNo, attempted(steps, 'upload-face')),
    )
}
