import type { SagaRecord } from '../../store/sagas-repo'
import type { SagaDeps } from './deps'
import { restoreAll, type EditPlan } from './edit'
import type { StoredOutcome } from './outcome'
import {
  failedDeviceResult,
  failedRegistration,
  rollBack,
  type Rollback,
  type SagaSubject,
} from './failed-saga'
import type { RegisterPlan } from './register'
import { finishRemoval, type RemovePlan } from './remove'
import { removeWrites, type UndoResult } from './undo'

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
  const subject = {
    sagaId: saga.id,
    clientId: saga.clientId ?? saga.id,
    employeeNo: saga.employeeNo,
    student: plan.student,
  }
  return settle(deps, saga, subject, { deviceIds: plan.deviceIds, work: removeWrites(saga.employeeNo) })
}

async function recoverEdit(deps: SagaDeps, saga: SagaRecord): Promise<boolean> {
  const plan = saga.plan as EditPlan
  const record = deps.registrations.get(saga.employeeNo)
  if (!record) {
    deps.sagas.setState(saga.id, 'done', deps.now().toISOString())
    return true
  }
  const subject = {
    sagaId: saga.id,
    clientId: saga.clientId ?? record.clientId,
    employeeNo: saga.employeeNo,
    student: plan.after.student,
  }
  return settle(deps, saga, subject, restoreAll(record, plan))
}

/** Puts the devices back; the answer is the one stored when the saga failed, else "interrupted". */
async function settle(
  deps: SagaDeps,
  saga: SagaRecord,
  subject: SagaSubject,
  rollback: Rollback,
): Promise<boolean> {
  const { finished } = await rollBack(
    deps,
    saga.id,
    rollback,
    (undo) => (saga.result as StoredOutcome | null) ?? interrupted(subject, rollback.deviceIds, undo),
  )
  deps.logger.info({ sagaId: saga.id, finished }, finished ? 'saga undone' : 'saga undo still open')
  return finished
}

function interrupted(
  subject: SagaSubject,
  deviceIds: string[],
  undo: Map<string, UndoResult>,
): StoredOutcome {
  const devices = deviceIds.map((id) => failedDeviceResult(id, undefined, undo.get(id)))
  return { registration: failedRegistration(subject, devices), error: INTERRUPTED }
}
