import { randomUUID } from 'node:crypto'
import { AppError } from '../../shared/errors'

/**
 * The reports the proxy owes the school backend, one kind per backend route (BACKEND-CONTRACT.md).
 * Each payload is the route's body as the backend wants it, plus where the ids in its path come from:
 * either known when the report is written, or taken at send time from the answer to an earlier report of
 * the same student (a device result needs the provisioningId that only the provision answer holds).
 */

/** Body of `POST /schools/:schoolId/students/provision`. */
export interface ProvisionBody {
  student: {
    firstName: string
    lastName: string
    fatherName?: string
    gender: 'male' | 'female'
    classId: string
    parentPhone?: string
    deviceStudentId: string
    faceImageBase64?: string
  }
  /** the registration's clientId: the backend answers a repeated requestId with the first provisioning */
  requestId: string
  targetAllActive: false
  targetDeviceIds: string[]
}

/** The part of the provision answer later reports and the registration answer need. */
export interface ProvisionResult {
  provisioningId: string
  studentId: string
  deviceStudentId: string
}

/** Body of `POST /provisioning/:id/device-result`. */
export interface DeviceResultBody {
  deviceId: string | null
  deviceExternalId: string | null
  deviceName: string
  deviceType: string
  deviceLocation: string | null
  status: 'SUCCESS' | 'FAILED'
  employeeNoOnDevice: string
  error: string | null
}

/** Body of `PUT /students/:id` (the way to set or replace a student's photo on the backend). */
export interface StudentUpdateBody {
  firstName: string
  lastName: string
  fatherName?: string
  gender?: 'male' | 'female'
  classId: string
  parentPhone?: string
  deviceStudentId?: string
  faceImageBase64?: string
}

/** How a report sends: the idempotency key goes out as `Idempotency-Key` on every attempt. */
export interface SendOptions {
  idempotencyKey: string
  signal?: AbortSignal
}

/**
 * The backend calls the outbox makes. Failures are AppErrors: `backend_unavailable` (retry later,
 * `details.retryAfterSec` when the server said) or `backend_rejected` (final, the server's message).
 */
export interface ReportBackend {
  provision(body: ProvisionBody, options: SendOptions): Promise<ProvisionResult>
  deviceResult(provisioningId: string, body: DeviceResultBody, options: SendOptions): Promise<unknown>
  updateStudent(studentId: string, body: StudentUpdateBody, options: SendOptions): Promise<unknown>
  /** the student holding a deviceStudentId (null when none): for reports about a student found by number */
  studentByDeviceStudentId?(
    deviceStudentId: string,
    options: { signal?: AbortSignal },
  ): Promise<{ id: string } | null>
}

type ProvisioningRef = { provisioningId: string } | { provisioningIdFrom: string }
/**
 * Where a student update finds the server's student id: known, from the provision answer, or looked up
 * by the student's number at send time (a person this proxy adopted, whom the server may know).
 */
type StudentRef = { studentId: string } | { studentIdFrom: string } | { byDeviceStudentId: string }

/** What callers write into the outbox. `id` may be chosen up front so later reports can point at it. */
export type ReportDraft = { groupKey: string; id?: string; idempotencyKey?: string } & (
  | { kind: 'provision'; body: ProvisionBody }
  | ({ kind: 'device-result'; body: DeviceResultBody } & ProvisioningRef)
  | ({ kind: 'student-update'; body: StudentUpdateBody } & StudentRef)
)

export type ReportKind = ReportDraft['kind']

export const REPORT_KINDS: readonly ReportKind[] = ['provision', 'device-result', 'student-update']

/** A draft as stored: the payload is everything but the routing fields. */
export interface PreparedReport {
  id: string
  kind: ReportKind
  groupKey: string
  payload: StoredPayload
  dependsOn: string | null
  idempotencyKey: string
}

type StoredPayload =
  | { body: ProvisionBody }
  | ({ body: DeviceResultBody } & ProvisioningRef)
  | ({ body: StudentUpdateBody } & StudentRef)

/** JSON paths of bulky fields (photos) that list answers leave out. */
export const BULKY_PAYLOAD_PATHS = ['$.body.student.faceImageBase64', '$.body.faceImageBase64'] as const

/** Turns a draft into the row to store; the provision's key is its requestId so a repeat writes nothing. */
export function prepareReport(draft: ReportDraft): PreparedReport {
  const id = draft.id ?? randomUUID()
  const { kind, groupKey } = draft
  if (draft.kind === 'provision') {
    const idempotencyKey = draft.idempotencyKey ?? draft.body.requestId
    return { id, kind, groupKey, payload: { body: draft.body }, dependsOn: null, idempotencyKey }
  }
  const idempotencyKey = draft.idempotencyKey ?? id
  if (draft.kind === 'device-result') {
    if ('provisioningIdFrom' in draft) {
      const { provisioningIdFrom } = draft
      const payload = { body: draft.body, provisioningIdFrom }
      return { id, kind, groupKey, payload, dependsOn: provisioningIdFrom, idempotencyKey }
    }
    const payload = { body: draft.body, provisioningId: draft.provisioningId }
    return { id, kind, groupKey, payload, dependsOn: null, idempotencyKey }
  }
  if ('studentIdFrom' in draft) {
    const { studentIdFrom } = draft
    return {
      id,
      kind,
      groupKey,
      payload: { body: draft.body, studentIdFrom },
      dependsOn: studentIdFrom,
      idempotencyKey,
    }
  }
  const payload =
    'byDeviceStudentId' in draft
      ? { body: draft.body, byDeviceStudentId: draft.byDeviceStudentId }
      : { body: draft.body, studentId: draft.studentId }
  return { id, kind, groupKey, payload, dependsOn: null, idempotencyKey }
}

/** A stored report ready to go, with the answer of the report it depends on (if any). */
export interface ReportToSend {
  kind: string
  payload: unknown
  idempotencyKey: string
  dependency: { kind: string; result: unknown } | null
}

/** Sends one report and gives back what to keep of the answer. */
export async function sendReport(
  backend: ReportBackend,
  report: ReportToSend,
  signal?: AbortSignal,
): Promise<unknown> {
  const options: SendOptions = { idempotencyKey: report.idempotencyKey, signal }
  switch (report.kind) {
    case 'provision': {
      const { body } = report.payload as { body: ProvisionBody }
      const answer = await backend.provision(body, options)
      return {
        provisioningId: answer.provisioningId,
        studentId: answer.studentId,
        deviceStudentId: answer.deviceStudentId,
      } satisfies ProvisionResult
    }
    case 'device-result': {
      const payload = report.payload as { body: DeviceResultBody } & Partial<{ provisioningId: string }>
      const provisioningId = payload.provisioningId ?? fromProvision(report, 'provisioningId')
      return (await backend.deviceResult(provisioningId, payload.body, options)) ?? null
    }
    case 'student-update': {
      const payload = report.payload as { body: StudentUpdateBody } & Partial<{
        studentId: string
        byDeviceStudentId: string
      }>
      const studentId =
        payload.studentId ??
        (payload.byDeviceStudentId
          ? await studentIdOf(backend, payload.byDeviceStudentId, signal)
          : fromProvision(report, 'studentId'))
      const student = (await backend.updateStudent(studentId, payload.body, options)) as {
        id?: unknown
      } | null
      return { studentId: typeof student?.id === 'string' ? student.id : studentId }
    }
    default:
      throw new AppError('internal', `unknown outbox report kind "${report.kind}"`)
  }
}

/** The server's id of the student with this number; a number it does not know is a final refusal. */
async function studentIdOf(backend: ReportBackend, deviceStudentId: string, signal?: AbortSignal) {
  if (!backend.studentByDeviceStudentId) {
    throw new AppError('internal', 'this backend cannot look a student up by deviceStudentId')
  }
  const student = await backend.studentByDeviceStudentId(deviceStudentId, { signal })
  if (!student) {
    throw new AppError('backend_rejected', `Student not found: no student has number ${deviceStudentId}`, {
      details: { status: 404, reason: 'not_found' },
    })
  }
  return student.id
}

function fromProvision(report: ReportToSend, field: keyof ProvisionResult): string {
  const value = (report.dependency?.result as Partial<ProvisionResult> | null | undefined)?.[field]
  if (typeof value !== 'string' || value === '') {
    throw new AppError(
      'internal',
      `the ${report.kind} report needs a ${field} that its provision did not give`,
    )
  }
  return value
}

/** A short human label for a report, shown in the outbox list (never the photo). */
export function describeReport(kind: string, payload: unknown): string {
  const body = (payload as { body?: Record<string, unknown> } | null)?.body ?? {}
  if (kind === 'provision') {
    const student = (body.student ?? {}) as Record<string, unknown>
    return `${str(student.lastName)} ${str(student.firstName)} (${str(student.deviceStudentId)})`.trim()
  }
  if (kind === 'device-result') {
    return `${str(body.deviceName)}: ${str(body.employeeNoOnDevice)} ${str(body.status)}`.trim()
  }
  if (kind === 'student-update') return `${str(body.lastName)} ${str(body.firstName)}`.trim()
  return kind
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
