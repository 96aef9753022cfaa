import { randomUUID } from 'node:crypto'
import type { Registration } from '../../../shared/api/registrations'
import { RegistrationEditFields, StudentInput } from '../../../shared/api/registrations'
import { AppError } from '../../../shared/errors'
import type { DeviceCapabilities } from '../../isapi'
import type { RegistrationRecord, StoredStudent } from '../../store/registrations-repo'
import type { StepError } from '../../store/sagas-repo'
import { validate } from '../validate'
import { editDrafts } from './backend-reports'
import { backendOn, type SagaDeps } from './deps'
import { createPerson, modifyPerson, modifyPersonChecked, removePerson, writeFace } from './device-ops'
import { readFace } from './face-input'
import { failOnDevices, type Rollback } from './failed-saga'
import { failureError, registrationOf, type DeviceResult, type StoredOutcome } from './outcome'
import { fullName, personFor } from './person'
import { failFastSteps, StepLog, type StepAction, type StepFailure } from './step-log'
import { probeAll, resolveTargets, type Probe, type Target } from './targets'
import { attempted, type UndoWork } from './undo'
import type { Sighting } from '../terminal-states/terminal-book'
import type { Adoption, HeldPerson } from './adopt'

/**
 * What an edit does on one device:
 * - `in-place`: Modify the person and/or FDSetUp the face, where the device supports them;
 * - `recreate`: delete, create, upload (the seed's way, for devices without them);
 * - `add`: the device is new to the student (or lost it behind our back): create, upload;
 * - `remove`: the device is no longer wanted: delete;
 * - `none`: nothing changes there.
 */
export type EditAction = 'none' | 'in-place' | 'recreate' | 'add' | 'remove'

export interface DevicePlan {
  action: EditAction
  modifyUser?: boolean
  setUpFace?: boolean
}

export interface EditPlan {
  before: { student: StoredStudent; deviceIds: string[] }
  after: { student: StoredStudent; deviceIds: string[] }
  faceChanged: boolean
  devices: Record<string, DevicePlan>
  /** an adopted person: the name each terminal held, which putting it back writes (not the proxy's own) */
  held?: Record<string, HeldPerson>
}

const StoredStudentSchema = StudentInput.omit({ employeeNo: true })

/**
 * Changes a registered student's name, photo and device set on every device it concerns, all or nothing:
 * if any device fails, every device touched is put back as it was (the old name and photo are kept in
 * the registration until the edit succeeds). Same pre-flight and same replay rules as `register`.
 */
export async function edit(
  deps: SagaDeps,
  record: RegistrationRecord,
  body: unknown,
  face: Uint8Array | string | undefined,
  adoption?: Adoption,
): Promise<Registration> {
  const fields = validate(RegistrationEditFields, body)
  if (
    fields.student === undefined &&
    face === undefined &&
    fields.deviceIds === undefined &&
    fields.addDeviceIds === undefined
  ) {
    throw new AppError(
      'validation_failed',
      'Nothing to change: give student, face, deviceIds or addDeviceIds',
      { field: 'student' },
    )
  }
  const { employeeNo } = record
  const after: StoredStudent = validate(
    StoredStudentSchema,
    { ...record.student, ...fields.student },
    'student',
  )
  // terminals another source put the person on (a copy job, a fix) are edited too, when they still hold them
  const elsewhere = (deps.book?.holding(employeeNo) ?? []).filter(
    (id) => !record.deviceIds.includes(id) && deps.registry.has(id),
  )
  const held = [...record.deviceIds, ...(fields.deviceIds ? [] : elsewhere)]
  const afterIds = [...new Set([...(fields.deviceIds ?? held), ...(fields.addDeviceIds ?? [])])]
  const beforeIds = [...new Set([...record.deviceIds, ...elsewhere])].filter((id) => deps.registry.has(id))
  const targets = resolveTargets(deps, [...new Set([...afterIds, ...beforeIds])])
  const newFace = face === undefined ? null : await readFace(face)
  const clientId = fields.clientId ?? record.clientId

  const probes = await probeAll(targets, employeeNo)
  const plan: EditPlan = {
    before: { student: record.student, deviceIds: beforeIds },
    after: { student: after, deviceIds: afterIds },
    faceChanged: newFace !== null,
    devices: {},
    ...(adoption ? { held: adoption.held } : {}),
  }
  const problems: Array<{ target: Target; error: StepError }> = []
  for (const target of targets) {
    const result = probes.get(target.deviceId)
    if (!result?.ok) {
      problems.push({ target, error: result?.error ?? { code: 'internal', message: 'not checked' } })
      continue
    }
    if (elsewhere.includes(target.deviceId) && !result.probe.present) {
      // the proxy's memory was out of date: the person is not there, so that terminal is not theirs
      plan.before.deviceIds = plan.before.deviceIds.filter((id) => id !== target.deviceId)
      if (!fields.deviceIds?.includes(target.deviceId) && !fields.addDeviceIds?.includes(target.deviceId)) {
        plan.after.deviceIds = plan.after.deviceIds.filter((id) => id !== target.deviceId)
      }
    }
    const devicePlan = planFor(plan, target.deviceId, result.probe)
    if (devicePlan === 'taken') {
      problems.push({
        target,
        error: {
          code: 'duplicate',
          message: `A person with number ${employeeNo} is already on this device; it was left as it is`,
        },
      })
    } else {
      plan.devices[target.deviceId] = devicePlan
    }
  }
  if (problems.length > 0) throw preflightFailure(clientId, employeeNo, after, targets, problems)
  if (record.faceJpeg.length === 0 && newFace === null && needsFace(plan)) {
    throw new AppError(
      'validation_failed',
      `No terminal holds a face of ${employeeNo} to copy: take a new photo for this edit`,
      { field: 'face' },
    )
  }

  const sagaId = randomUUID()
  // the adopted person is kept from here on, as they stood: a crash mid-edit puts the terminals back to it
  if (adoption) deps.registrations.save(adoption.record)
  deps.sagas.create({
    id: sagaId,
    kind: 'edit',
    clientId: fields.clientId ?? null,
    employeeNo,
    state: 'running',
    plan,
    faceJpeg: newFace,
    createdAt: deps.now().toISOString(),
  })
  deps.logger.info({ sagaId, employeeNo, devices: plan.devices }, 'edit started')
  const caps = new Map([...probes].flatMap(([id, r]) => (r.ok ? [[id, r.probe.caps] as const] : [])))
  const failures = await writeAll(deps, sagaId, targets, plan, employeeNo, newFace ?? record.faceJpeg, caps)
  if (failures.length === 0) {
    const done = await succeed(deps, sagaId, clientId, record, plan, newFace, targets)
    return adoption ? { ...done, adopted: true } : done
  }
  const subject = { sagaId, clientId, employeeNo: record.employeeNo, student: plan.after.student }
  return failOnDevices(deps, 'edit', subject, targets, failures, restoreAll(record, plan))
}

function needsFace(plan: EditPlan): boolean {
  return Object.values(plan.devices).some((d) => d.action === 'add' || d.action === 'recreate')
}

function planFor(plan: EditPlan, deviceId: string, probe: Probe): DevicePlan | 'taken' {
  const before = plan.before.deviceIds.includes(deviceId)
  const after = plan.after.deviceIds.includes(deviceId)
  if (!after) return { action: before && probe.present ? 'remove' : 'none' }
  if (!probe.present) return { action: 'add' }
  if (!before) return 'taken'
  const modifyUser =
    fullName(plan.before.student) !== fullName(plan.after.student) ||
    plan.before.student.gender !== plan.after.student.gender
  const setUpFace = plan.faceChanged
  if (!modifyUser && !setUpFace) return { action: 'none' }
  const inPlace = (!modifyUser || canModify(probe.caps)) && (!setUpFace || canSetUpFace(probe.caps))
  return inPlace ? { action: 'in-place', modifyUser, setUpFace } : { action: 'recreate' }
}

/** `UserInfo` capabilities list `put` for Modify; a device that does not say gets the recreate. */
function canModify(caps: DeviceCapabilities): boolean {
  return caps.users?.functions.some((f) => f.toLowerCase() === 'put') ?? false
}

function canSetUpFace(caps: DeviceCapabilities): boolean {
  return caps.faces?.supportsSetUp ?? false
}

function preflightFailure(
  clientId: string,
  employeeNo: string,
  student: StoredStudent,
  targets: Target[],
  problems: Array<{ target: Target; error: StepError }>,
): AppError {
  const failed = new Map(problems.map((p) => [p.target.deviceId, p.error]))
  const first = problems[0] as { target: Target; error: StepError }
  const devices = targets.map((t): DeviceResult => {
    const error = failed.get(t.deviceId)
    return error
      ? { deviceId: t.deviceId, status: 'FAILED', error }
      : { deviceId: t.deviceId, status: 'SKIPPED' }
  })
  return failureError({
    registration: registrationOf(clientId, employeeNo, student, devices, 'FAILED'),
    error: { ...first.error, deviceName: first.target.device.name },
  })
}

async function writeAll(
  deps: SagaDeps,
  sagaId: string,
  targets: Target[],
  plan: EditPlan,
  employeeNo: string,
  face: Buffer,
  caps: Map<string, DeviceCapabilities>,
): Promise<StepFailure[]> {
  const { failures, step: stepOn } = failFastSteps(new StepLog(deps.sagas, sagaId, deps.now))
  const step = (target: Target, action: StepAction, work: () => Promise<unknown>) =>
    stepOn(target.deviceId, action, work)
  await Promise.all(
    targets.map(async (target) => {
      const { client, deviceId } = target
      const devicePlan = plan.devices[deviceId] ?? { action: 'none' }
      const person = personFor(employeeNo, plan.after.student, caps.get(deviceId) ?? null)
      switch (devicePlan.action) {
        case 'in-place':
          // the face write reads the person back, name included; a modify alone reads back its own
          if (devicePlan.setUpFace) {
            if (
              devicePlan.modifyUser &&
              !(await step(target, 'modify-user', () => modifyPerson(client, person)))
            )
              return
            await step(target, 'setup-face', () => writeFace(client, person, face, 'setup'))
            return
          }
          if (devicePlan.modifyUser)
            await step(target, 'modify-user', () => modifyPersonChecked(client, person))
          return
        case 'recreate':
        case 'add':
          if (devicePlan.action === 'recreate') {
            if (!(await step(target, 'remove-person', () => removePerson(client, employeeNo)))) return
          }
          if (!(await step(target, 'create-user', () => createPerson(client, person)))) return
          await step(target, 'upload-face', () => writeFace(client, person, face))
          return
        case 'remove':
          await step(target, 'remove-person', () => removePerson(client, employeeNo))
          return
        case 'none':
          return
      }
    }),
  )
  return failures
}

async function succeed(
  deps: SagaDeps,
  sagaId: string,
  clientId: string,
  record: RegistrationRecord,
  plan: EditPlan,
  newFace: Buffer | null,
  targets: Target[],
): Promise<Registration> {
  const { employeeNo } = record
  // an adopted person has no provision of ours: the school server's student is found by number when sent
  const online = backendOn(deps) && (record.provisionReportId !== null || record.origin === 'adopted')
  const devices = targets.map((t): DeviceResult => ({ deviceId: t.deviceId, status: 'SUCCESS' }))
  const registration = registrationOf(
    clientId,
    employeeNo,
    plan.after.student,
    devices,
    'SUCCESS',
    online ? 'queued' : 'off',
  )
  const at = deps.now().toISOString()
  deps.db.transaction(() => {
    if (online) {
      const added = targets.filter(
        (t) => !plan.before.deviceIds.includes(t.deviceId) && isKept(plan, t.deviceId),
      )
      deps.outbox.enqueue(
        editDrafts({
          clientId: sagaId,
          employeeNo,
          student: plan.after.student,
          face: newFace,
          provisionReportId: record.provisionReportId,
          studentChanged: JSON.stringify(plan.before.student) !== JSON.stringify(plan.after.student),
          addedDevices: added.map((t) => t.device),
        }),
      )
    }
    deps.registrations.save({
      ...record,
      student: plan.after.student,
      faceJpeg: newFace ?? record.faceJpeg,
      deviceIds: plan.after.deviceIds,
      updatedAt: at,
    })
    deps.sagas.setResult(sagaId, { registration } satisfies StoredOutcome, 'done', at)
  })()
  deps.book?.note(
    'edit',
    targets.flatMap((t): Sighting[] => {
      const action = plan.devices[t.deviceId]?.action ?? 'none'
      if (action === 'remove') return [{ employeeNo, deviceId: t.deviceId, state: 'absent' as const }]
      if (!isKept(plan, t.deviceId)) return []
      const name = personFor(employeeNo, plan.after.student, null).name
      return [{ employeeNo, deviceId: t.deviceId, state: 'present' as const, name }]
    }),
  )
  deps.logger.info({ sagaId, employeeNo }, 'edit done')
  const backend = online ? await deps.outbox.deliverSoon(employeeNo) : registration.backend
  return { ...registration, backend }
}

function isKept(plan: EditPlan, deviceId: string): boolean {
  return plan.after.deviceIds.includes(deviceId)
}

/** Puts every device the edit touched back to the registration as it was before the edit. */
export function restoreAll(record: RegistrationRecord, plan: EditPlan): Rollback {
  return { deviceIds: Object.keys(plan.devices), work: restoreWork(record, plan) }
}

function restoreWork(record: RegistrationRecord, plan: EditPlan): UndoWork {
  const { employeeNo, faceJpeg: oldFace } = record
  return async (client, steps, log, deviceId) => {
    const action = plan.devices[deviceId]?.action ?? 'none'
    const held = plan.held?.[deviceId]
    const oldPerson = async () =>
      held
        ? {
            employeeNo,
            name: held.name,
            userType: 'normal' as const,
            ...(held.gender ? { gender: held.gender } : {}),
          }
        : personFor(employeeNo, plan.before.student, await client.capabilities())
    if (action === 'in-place') {
      if (attempted(steps, 'modify-user')) {
        const person = await oldPerson()
        await log.run(deviceId, 'undo:modify-user', () => modifyPerson(client, person))
      }
      if (attempted(steps, 'setup-face')) {
        // a person who had no face gets none back rather than the new one
        await log.run(deviceId, 'undo:setup-face', () =>
          oldFace.length > 0 ? client.setUpFace(employeeNo, oldFace) : client.deleteFaces([employeeNo]),
        )
      }
      return
    }
    await log.run(deviceId, 'undo:remove-person', () => removePerson(client, employeeNo))
    if (action === 'add') return
    // recreate or remove: the device held the student before the edit; write it back as it was
    const person = await oldPerson()
    await log.run(deviceId, 'undo:create-user', () => createPerson(client, person))
    if (oldFace.length > 0)
      await log.run(deviceId, 'undo:upload-face', () => client.addFace(employeeNo, oldFace))
  }
}
