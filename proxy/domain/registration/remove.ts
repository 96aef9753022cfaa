import { randomUUID } from 'node:crypto'
import type { Registration } from '../../../shared/api/registrations'
import type { RegistrationRecord } from '../../store/registrations-repo'
import type { StepError } from '../../store/sagas-repo'
import type { SagaDeps } from './deps'
import { removePerson } from './device-ops'
import { failureError, registrationOf, type DeviceResult, type StoredOutcome } from './outcome'
import { StepLog, stepError } from './step-log'
import { resolveTargets, type Target } from './targets'

export interface RemovePlan {
  deviceIds: string[]
}

/**
 * Removes a student (face and person) from the chosen devices, or from every device it is on. Not all or
 * nothing: a removal that worked on one device is kept even when another device fails (putting a student
 * back that someone asked to remove helps nobody); each device reports its own result, and a failure
 * answers with an error carrying the whole Registration. A proxy killed midway finishes it at its next start.
 */
export async function remove(
  deps: SagaDeps,
  employeeNo: string,
  record: RegistrationRecord | undefined,
  deviceIds: string[],
): Promise<Registration> {
  const targets = resolveTargets(deps, deviceIds)
  const sagaId = randomUUID()
  const plan: RemovePlan = { deviceIds: targets.map((t) => t.deviceId) }
  deps.sagas.create({
    id: sagaId,
    kind: 'remove',
    clientId: null,
    employeeNo,
    state: 'running',
    plan,
    faceJpeg: null,
    createdAt: deps.now().toISOString(),
  })
  const results = await removeOn(deps, sagaId, employeeNo, targets)
  return finish(deps, sagaId, employeeNo, record, targets, results)
}

async function removeOn(
  deps: SagaDeps,
  sagaId: string,
  employeeNo: string,
  targets: Target[],
): Promise<Map<string, StepError | null>> {
  const log = new StepLog(deps.sagas, sagaId, deps.now)
  const results = await Promise.all(
    targets.map(async ({ deviceId, client }): Promise<[string, StepError | null]> => {
      try {
        await log.run(deviceId, 'remove-person', () => removePerson(client, employeeNo))
        return [deviceId, null]
      } catch (error) {
        return [deviceId, stepError(error)]
      }
    }),
  )
  return new Map(results)
}

function finish(
  deps: SagaDeps,
  sagaId: string,
  employeeNo: string,
  record: RegistrationRecord | undefined,
  targets: Target[],
  results: Map<string, StepError | null>,
): Registration {
  const devices = targets.map((t): DeviceResult => {
    const error = results.get(t.deviceId)
    return error
      ? { deviceId: t.deviceId, status: 'FAILED', error }
      : { deviceId: t.deviceId, status: 'SUCCESS' }
  })
  const failed = targets.filter((t) => results.get(t.deviceId))
  const student = record?.student ?? { firstName: '', lastName: '' }
  const registration = registrationOf(
    record?.clientId ?? sagaId,
    employeeNo,
    student,
    devices,
    failed.length > 0 ? 'FAILED' : 'SUCCESS',
  )
  const first = failed[0]
  const outcome: StoredOutcome = first
    ? {
        registration,
        error: { ...(results.get(first.deviceId) as StepError), deviceName: first.device.name },
      }
    : { registration }
  const at = deps.now().toISOString()
  deps.db.transaction(() => {
    for (const target of targets) {
      if (!results.get(target.deviceId)) deps.registrations.unlinkDevice(employeeNo, target.deviceId)
    }
    deps.sagas.setResult(sagaId, outcome, 'done', at)
  })()
  noteRemoved(deps, employeeNo, results)
  deps.logger.info({ sagaId, employeeNo, failed: failed.length }, 'removal done')
  if (first) throw failureError(outcome)
  return registration
}

/** What the removal left: gone where it was read back gone; a refusal leaves the person as they were. */
function noteRemoved(deps: SagaDeps, employeeNo: string, results: Map<string, StepError | null>): void {
  deps.book?.note(
    'removal',
    [...results].flatMap(([deviceId, error]) =>
      error ? [] : [{ employeeNo, deviceId, state: 'absent' as const }],
    ),
  )
}

/** After a crash: the removal is finished on the devices where it had not been confirmed. */
export async function finishRemoval(deps: SagaDeps, sagaId: string, employeeNo: string, plan: RemovePlan) {
  const done = new Set(
    deps.sagas
      .steps(sagaId)
      .filter((s) => s.action === 'remove-person' && s.state === 'done')
      .map((s) => s.deviceId),
  )
  const open = plan.deviceIds.filter((id) => !done.has(id) && deps.registry.has(id))
  const targets = resolveTargets(deps, open)
  const results = await removeOn(deps, sagaId, employeeNo, targets)
  const confirmed = new Map<string, StepError | null>([...done].map((id) => [id, null]))
  for (const [id, error] of results) confirmed.set(id, error)
  noteRemoved(deps, employeeNo, confirmed)
  const at = deps.now().toISOString()
  deps.db.transaction(() => {
    for (const id of [...done, ...open.filter((id) => !results.get(id))])
      deps.registrations.unlinkDevice(employeeNo, id)
    if ([...results.values()].every((error) => !error)) deps.sagas.setState(sagaId, 'done', at)
  })()
}
