import type { SagaRecord } from '../../store/sagas-repo'
import type { SagaDeps } from './deps'
import { restoreAll, type EditPlan } from './edit'
import type { StoredOutcome } from './outcome'
import { failedDeviceResult, registrationOf, type RegisterPlan } from './register'
import { finishRemoval, type RemovePlan } from './remove'
import { removeWrites, undoDevices, type UndoResult } from './undo'

const INTERRUPTED = {
  code: 'internal',
  message: 'The proxy stopped in the middle of this; what it had written was put back',
}

/**
 * Brings one unfinished saga to rest: a registration is undone, an edit put back to the registration as it
 * was, a removal finished. Returns whether nothing is left to do (a device still unreachable keeps it open
 * for the next pass).
 */
export async function recoverSaga(deps: SagaDeps, saga: SagaRecord): Promise<boolean> {
  deps.logger.info({ sagaId: saga.id, kind: saga.kind, employeeNo: saga.employeeNo }, 'recovering saga')
  switch (saga.kind) {
    case 'register':
      return recoverRegistration(deps, saga)
    case 'edit':
      return recoverEdit(deps, saga)
    case 'remove':
      await finishRemoval(deps, saga.id, saga.employeeNo, saga.plan as RemovePlan)
      return deps.sagas.get(saga.id)?.state === 'done'
  }
}

async function recoverRegistration(deps: SagaDeps, saga: SagaRecord): Promise<boolean> {
  const plan = saga.plan as RegisterPlan
  deps.sagas.setState(saga.id, 'undoing', deps.now().toISOString())
  const undo = await undoDevices(deps, saga.id, plan.deviceIds, removeWrites(saga.employeeNo))
  const outcome =
    (saga.result as StoredOutcome | null) ??
    interrupted(saga.clientId ?? saga.id, saga.employeeNo, plan.student, plan.deviceIds, undo)
  return settle(deps, saga, outcome, undo)
}

async function recoverEdit(deps: SagaDeps, saga: SagaRecord): Promise<boolean> {
  const plan = saga.plan as EditPlan
  const record = deps.registrations.get(saga.employeeNo)
  if (!record) {
    deps.sagas.setState(saga.id, 'done', deps.now().toISOString())
    return true
  }
  deps.sagas.setState(saga.id, 'undoing', deps.now().toISOString())
  const undo = await restoreAll(deps, saga.id, record, plan)
  const outcome =
    (saga.result as StoredOutcome | null) ??
    interrupted(
      saga.clientId ?? record.clientId,
      saga.employeeNo,
      plan.after.student,
      Object.keys(plan.devices),
      undo,
    )
  return settle(deps, saga, outcome, undo)
}

function settle(
  deps: SagaDeps,
  saga: SagaRecord,
  outcome: StoredOutcome,
  undo: Map<string, UndoResult>,
): boolean {
  const finished = [...undo.values()].every((u) => u.undone)
  deps.sagas.setResult(saga.id, outcome, finished ? 'done' : 'undoing', deps.now().toISOString())
  deps.logger.info({ sagaId: saga.id, finished }, finished ? 'saga undone' : 'saga undo still open')
  return finished
}

function interrupted(
  clientId: string,
  employeeNo: string,
  student: RegisterPlan['student'],
  deviceIds: string[],
  undo: Map<string, UndoResult>,
): StoredOutcome {
  const devices = deviceIds.map((id) => failedDeviceResult(id, undefined, undo.get(id)))
  return {
    registration: registrationOf(clientId, employeeNo, student, devices, 'FAILED'),
    error: INTERRUPTED,
  }
}
