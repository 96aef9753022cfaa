import { randomUUID } from 'node:crypto'
import type { Registration } from '../../../shared/api/registrations'
import { RegistrationRequest } from '../../../shared/api/registrations'
import { AppError } from '../../../shared/errors'
import type { StoredStudent } from '../../store/registrations-repo'
import type { StepError } from '../../store/sagas-repo'
import { validate } from '../validate'
import { registrationDrafts } from './backend-reports'
import { backendOn, type SagaDeps } from './deps'
import { createPerson, isTakenNumber, writeFace } from './device-ops'
import { readFace, type FaceInput } from './face-input'
import { failOnDevices } from './failed-saga'
import { failureError, registrationOf, type DeviceResult, type StoredOutcome } from './outcome'
import { fullName, personFor } from './person'
import { failFastSteps, StepLog, stepError, type StepFailure } from './step-log'
import { probeAll, recheckNumber, resolveTargets, type Probe, type ProbeResult, type Target } from './targets'
import { removeWrites } from './undo'

/** What a register saga stores as its plan: enough to undo it after a crash. */
export interface RegisterPlan {
  student: StoredStudent
  deviceIds: string[]
}

const Fields = RegistrationRequest.omit({ face: true })

/** How many times a drawn number that turns out to be taken on a device is replaced by a new one. */
const REDRAWS = 3

/**
 * One student onto every chosen device, or onto none. In order: validate → the photo normalized → every
 * device known and its password valid → an employeeNo → a read-only pre-flight on all devices at once
 * (reachable, login accepted, capabilities, number free) → the saga stored → on all devices in parallel,
 * serially within each: create the person, upload the face → SUCCESS, stored with the backend reports in
 * one transaction; or, if anything failed, what was written is removed from every device again.
 *
 * Refusals before the saga is stored (bad input, photo, unknown device, expired password, a device that
 * fails the pre-flight) are not remembered, so the same clientId may be sent again once fixed: nothing
 * was written. Once the saga is stored, its answer is final for its clientId.
 */
export async function register(deps: SagaDeps, body: unknown): Promise<Registration> {
  const fields = validate(Fields, body)
  const face = faceOf(body)
  const { employeeNo: sentNo, ...student } = fields.student
  requireBackendFields(deps, student)
  const targets = resolveTargets(deps, fields.deviceIds)
  const jpeg = await readFace(face)
  const givenNo = sentNo ?? (await schoolNumberOf(deps, student.backendStudentId))
  if (givenNo) refuseRegistered(deps, givenNo, fields.clientId, student)

  const { employeeNo, probes } = await preflight(deps, targets, student, fields.clientId, givenNo)
  const sagaId = randomUUID()
  const plan: RegisterPlan = { student, deviceIds: targets.map((t) => t.deviceId) }
  deps.sagas.create({
    id: sagaId,
    kind: 'register',
    clientId: fields.clientId,
    employeeNo,
    state: 'running',
    plan,
    faceJpeg: jpeg,
    createdAt: deps.now().toISOString(),
  })
  deps.logger.info({ sagaId, employeeNo, devices: plan.deviceIds.length }, 'registration started')

  const failures = await writeAll(deps, sagaId, targets, probes, employeeNo, student, jpeg)
  if (failures.length === 0) return succeed(deps, sagaId, fields.clientId, employeeNo, student, jpeg, targets)
  const subject = { sagaId, clientId: fields.clientId, employeeNo, student }
  const rollback = { deviceIds: plan.deviceIds, work: removeWrites(employeeNo) }
  return failOnDevices(deps, 'registration', subject, targets, failures, rollback)
}

function faceOf(body: unknown): FaceInput {
  const face = (body as { face?: unknown } | null)?.face
  if (face instanceof Uint8Array) return face
  if (typeof face === 'string' && face.length > 0) return face
  throw new AppError('validation_failed', 'face: a photo is required', { field: 'face' })
}

/** The backend refuses a student without gender or class, so a registration that reports to it needs both. */
function requireBackendFields(deps: SagaDeps, student: StoredStudent): void {
  if (!backendOn(deps)) return
  for (const field of ['gender', 'classId'] as const) {
    if (!student[field]) {
      throw new AppError(
        'validation_failed',
        `student.${field} is required when a school server is configured`,
        {
          field: `student.${field}`,
        },
      )
    }
  }
}

/**
 * A school server student enrolled without a number keeps the one they have (`deviceStudentId`): the
 * proxy's own registration of them first, then the server (remembered, or its pages walked once).
 */
async function schoolNumberOf(deps: SagaDeps, backendStudentId: string | undefined) {
  if (!backendStudentId) return undefined
  const registered = deps.registrations.numberOfBackendStudent(backendStudentId)
  if (registered) return registered
  if (!deps.schoolNumbers) return undefined
  return (await deps.schoolNumbers.of(backendStudentId)) ?? undefined
}

/** A number the proxy already holds a registration for: the way out is an edit of that student. */
function refuseRegistered(
  deps: SagaDeps,
  employeeNo: string,
  clientId: string,
  student: StoredStudent,
): void {
  const record = deps.registrations.get(employeeNo)
  if (!record) return
  const registration = registrationOf(clientId, employeeNo, student, [], 'FAILED')
  throw new AppError(
    'duplicate',
    `Student number ${employeeNo} is already enrolled; update that student instead`,
    {
      field: 'student.employeeNo',
      details: {
        ...registration,
        existing: {
          employeeNo,
          registered: true,
          deviceIds: record.deviceIds,
          name: fullName(record.student),
        },
      },
    },
  )
}

interface Preflight {
  employeeNo: string
  probes: Map<string, Probe>
}

async function preflight(
  deps: SagaDeps,
  targets: Target[],
  student: StoredStudent,
  clientId: string,
  givenNo: string | undefined,
): Promise<Preflight> {
  let employeeNo = givenNo ?? (await deps.numbers.allocate())
  if (givenNo) deps.numbers.claimGiven(givenNo)
  const results = await probeAll(targets, employeeNo)
  for (let redraw = 0; !givenNo && redraw < REDRAWS && anyPresent(results); redraw++) {
    employeeNo = await deps.numbers.allocate()
    await recheckNumber(targets, results, employeeNo)
  }
  const problems = targets.flatMap((target): Array<{ target: Target; error: StepError }> => {
    const result = results.get(target.deviceId)
    if (!result?.ok) return [{ target, error: result?.error ?? { code: 'internal', message: 'not checked' } }]
    return result.probe.present ? [{ target, error: takenError(employeeNo) }] : []
  })
  if (problems.length > 0) {
    const failed = new Map(problems.map((p) => [p.target.deviceId, p.error]))
    const first = problems[0] as { target: Target; error: StepError }
    deps.logger.info({ employeeNo, code: first.error.code }, 'registration stopped by the pre-flight check')
    const holding = problems.filter((p) => p.error.code === 'duplicate').map((p) => p.target.deviceId)
    throw failureError({
      ...(holding.length > 0 ? { existing: existingOn(deps, employeeNo, holding) } : {}),
      registration: registrationOf(
        clientId,
        employeeNo,
        student,
        targets.map((t) => {
          const error = failed.get(t.deviceId)
          return error
            ? { deviceId: t.deviceId, status: 'FAILED', error }
            : { deviceId: t.deviceId, status: 'SKIPPED' }
        }),
        'FAILED',
      ),
      error: { ...first.error, deviceName: first.target.device.name },
    })
  }
  for (const target of targets) deps.registry.recordSeen(target.deviceId, {})
  return {
    employeeNo,
    probes: new Map(
      [...results].map(([deviceId, result]) => [
        deviceId,
        (result as Extract<ProbeResult, { ok: true }>).probe,
      ]),
    ),
  }
}

/** The person already under a given number on these terminals: what "update this student" starts from. */
function existingOn(deps: SagaDeps, employeeNo: string, deviceIds: string[]) {
  return {
    employeeNo,
    registered: deps.registrations.get(employeeNo) !== undefined,
    deviceIds,
    name: deps.book?.nameOf(employeeNo) ?? null,
  }
}

function anyPresent(results: Map<string, ProbeResult>): boolean {
  return [...results.values()].some((result) => result.ok && result.probe.present)
}

function takenError(employeeNo: string, subStatusCode?: string): StepError {
  return {
    code: 'duplicate',
    message: `A person with number ${employeeNo} is already on this device; it was left as it is`,
    ...(subStatusCode ? { subStatusCode } : {}),
  }
}

/**
 * Every device in parallel; within a device the client's queue keeps the steps in order. The read-back
 * after the face also asks about the number the next student will get (one search either way), so in a
 * run of students the next pre-flight has nothing left to ask a device it has just heard from, even when
 * that student arrived while this one was still being written.
 */
async function writeAll(
  deps: SagaDeps,
  sagaId: string,
  targets: Target[],
  probes: Map<string, Probe>,
  employeeNo: string,
  student: StoredStudent,
  jpeg: Buffer,
): Promise<StepFailure[]> {
  const { failures, step } = failFastSteps(new StepLog(deps.sagas, sagaId, deps.now), (action, error) =>
    action === 'create-user' && isTakenNumber(error)
      ? takenError(employeeNo, stepError(error).subStatusCode)
      : stepError(error),
  )
  const aheadNo = deps.numbers.drawAhead() ?? undefined
  const writeOne = async ({ deviceId, client, facts }: Target) => {
    const person = personFor(employeeNo, student, probes.get(deviceId)?.caps ?? null)
    if (!(await step(deviceId, 'create-user', () => createPerson(client, person)))) return
    await step(deviceId, 'upload-face', async () => {
      const seen = await writeFace(client, person, jpeg, 'add', aheadNo)
      if (aheadNo && seen.aheadFree) facts.noteFree(deviceId, aheadNo)
    })
  }
  await Promise.all(
    targets.map((target) => {
      const written = writeOne(target)
      if (aheadNo) target.facts.askingAhead(target.deviceId, aheadNo, written)
      return written
    }),
  )
  return failures
}

async function succeed(
  deps: SagaDeps,
  sagaId: string,
  clientId: string,
  employeeNo: string,
  student: StoredStudent,
  jpeg: Buffer,
  targets: Target[],
): Promise<Registration> {
  const online = backendOn(deps)
  const devices = targets.map((t): DeviceResult => ({ deviceId: t.deviceId, status: 'SUCCESS' }))
  const registration = registrationOf(
    clientId,
    employeeNo,
    student,
    devices,
    'SUCCESS',
    online ? 'queued' : 'off',
  )
  const at = deps.now().toISOString()
  deps.db.transaction(() => {
    const reportIds = online
      ? deps.outbox.enqueue(
          registrationDrafts({
            clientId,
            employeeNo,
            student,
            face: jpeg,
            devices: targets.map((t) => t.device),
          }),
        )
      : []
    deps.registrations.save({
      employeeNo,
      clientId,
      student,
      faceJpeg: jpeg,
      provisionReportId: reportIds[0] ?? null,
      deviceIds: targets.map((t) => t.deviceId),
      createdAt: at,
      updatedAt: at,
    })
    deps.sagas.setResult(sagaId, { registration } satisfies StoredOutcome, 'done', at)
  })()
  deps.book?.note(
    'registration',
    targets.map((t) => ({
      employeeNo,
      deviceId: t.deviceId,
      state: 'present' as const,
      name: fullName(student),
    })),
  )
  deps.logger.info({ sagaId, employeeNo }, 'registration done')
  const backend = online ? await deps.outbox.deliverSoon(employeeNo) : registration.backend
  return { ...registration, backend }
}
