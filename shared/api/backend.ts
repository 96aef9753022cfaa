import { z } from 'zod'
import { TerminalColumn, TerminalState } from './terminal-state'

/*
 * The school backend's answers as the proxy reads them (BACKEND-CONTRACT.md), validated once when they
 * arrive. Only the fields we use are listed; the server sends more, and a field it leaves out or nulls
 * that we only pass along is optional here, so a harmless server change does not stop the school.
 * Then the proxy's own `/api/students` and `/api/classes` answers, built from them.
 */

const id = z.union([z.string(), z.number()]).transform(String)
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null)
/** An id the server may leave out or null: null then. */
const optionalId = id.nullish().transform((value) => value ?? null)
/** A name the server may leave out: empty then, so lists still show the rest of the row. */
const nameOrEmpty = z
  .string()
  .nullish()
  .transform((value) => value ?? '')
const count = z.number().int().nonnegative()

export const BACKEND_ROLES_ALLOWED = ['SCHOOL_ADMIN', 'TEACHER'] as const

export const BackendUser = z.object({
  id,
  email: z.string(),
  name: text,
  role: z.string(),
  schoolId: optionalId,
})
export type BackendUser = z.infer<typeof BackendUser>

export const LoginAnswer = z.object({ token: z.string().min(1), user: BackendUser })
export type LoginAnswer = z.infer<typeof LoginAnswer>

export const BackendClass = z.object({
  id,
  name: z.string(),
  gradeLevel: z
    .number()
    .nullish()
    .transform((value) => value ?? null),
  schoolId: id.optional(),
  totalStudents: count.optional(),
})
export type BackendClass = z.infer<typeof BackendClass>

export const DeviceType = z.enum(['ENTRANCE', 'EXIT'])
export type DeviceType = z.infer<typeof DeviceType>

export const BackendDevice = z.object({
  id,
  name: z.string(),
  /** the Hikvision serial */
  deviceId: text,
  type: DeviceType,
  location: text,
  isActive: z.boolean().default(true),
  lastSeenAt: text,
})
export type BackendDevice = z.infer<typeof BackendDevice>

export interface BackendDeviceInput {
  name: string
  deviceId: string
  type: DeviceType
  location?: string
}

/** URLs are made absolute against the backend's base URL by the client. */
export const WebhookInfo = z.object({
  enforceSecret: z.boolean(),
  secretHeaderName: z.string(),
  inUrl: z.string(),
  outUrl: z.string(),
  inUrlWithSecret: z.string(),
  outUrlWithSecret: z.string(),
  inSecret: z.string(),
  outSecret: z.string(),
})
export type WebhookInfo = z.infer<typeof WebhookInfo>

export const BackendGender = z.enum(['MALE', 'FEMALE'])

export const BackendStudent = z.object({
  id,
  deviceStudentId: text,
  name: nameOrEmpty,
  firstName: text,
  lastName: text,
  fatherName: text,
  gender: BackendGender.nullish().transform((value) => value ?? null),
  schoolId: id.optional(),
  classId: optionalId,
  class: z
    .object({ id, name: z.string() })
    .nullish()
    .transform((value) => value ?? null),
  parentPhone: text,
  /** absolute once the client has read it; null when the student has no photo */
  photoUrl: text,
  isActive: z.boolean().default(true),
  deviceSyncStatus: text,
})
export type BackendStudent = z.infer<typeof BackendStudent>

export const StudentPage = z.object({ data: z.array(BackendStudent), total: count, page: z.coerce.number() })
export type StudentPage = z.infer<typeof StudentPage>

/** The backend pages students 50 at a time, whatever the client asks. */
export const BACKEND_PAGE_SIZE = 50

export const ProvisioningStatus = z.enum(['PENDING', 'PROCESSING', 'PARTIAL', 'CONFIRMED', 'FAILED'])
export type ProvisioningStatus = z.infer<typeof ProvisioningStatus>

export const ProvisionAnswer = z.object({
  student: BackendStudent,
  studentId: id,
  provisioningId: id,
  deviceStudentId: z.string(),
  provisioningStatus: z.string(),
  targetDevices: z.array(z.object({ id, deviceId: text })).default([]),
})
export type ProvisionAnswer = z.infer<typeof ProvisionAnswer>

export const DeviceResultAnswer = z.object({
  ok: z.boolean(),
  provisioningStatus: z.string(),
  deviceStatus: z.string(),
})
export type DeviceResultAnswer = z.infer<typeof DeviceResultAnswer>

export const LinkStatus = z.enum(['PENDING', 'SUCCESS', 'FAILED'])

export const Provisioning = z.object({
  id,
  status: ProvisioningStatus,
  studentId: id,
  requestId: text,
  lastError: text,
  devices: z
    .array(
      z.object({
        deviceId: id,
        status: LinkStatus,
        employeeNoOnDevice: text,
        attemptCount: count.default(0),
        lastError: text,
        lastAttemptAt: text,
        device: z
          .object({ id, name: z.string(), deviceId: text, type: z.string() })
          .nullish()
          .transform((value) => value ?? null),
      }),
    )
    .default([]),
})
export type Provisioning = z.infer<typeof Provisioning>

export const ProvisioningLog = z.object({
  id,
  createdAt: z.string(),
  level: z.string(),
  eventType: z.string(),
  stage: text,
  status: text,
  message: text,
  payload: z.unknown(),
  provisioningId: optionalId,
  deviceId: optionalId,
  studentId: optionalId,
  /** the school-wide log list names the student and the device it is about */
  student: z
    .object({ name: text, deviceStudentId: text })
    .nullish()
    .transform((value) => value ?? null),
  device: z
    .object({ name: text })
    .nullish()
    .transform((value) => value ?? null),
})
export type ProvisioningLog = z.infer<typeof ProvisioningLog>

export const ProvisioningLogs = z.array(ProvisioningLog)

export const ProvisioningLogPage = z.object({
  data: z.array(ProvisioningLog),
  total: count,
  page: z.coerce.number(),
  limit: z.coerce.number(),
})
export type ProvisioningLogPage = z.infer<typeof ProvisioningLogPage>

export const RetryAnswer = z.object({ ok: z.boolean(), updated: count, targetDeviceIds: z.array(id) })
export type RetryAnswer = z.infer<typeof RetryAnswer>

export const DiagnosticStatus = z.enum(['SUCCESS', 'FAILED', 'PENDING', 'MISSING'])
export type DiagnosticStatus = z.infer<typeof DiagnosticStatus>

export const DeviceDiagnostics = z.object({
  devices: z.array(z.object({ id, name: z.string(), deviceId: text, isActive: z.boolean().default(true) })),
  data: z.array(
    z.object({
      studentId: id,
      studentName: nameOrEmpty,
      firstName: text,
      lastName: text,
      fatherName: text,
      classId: optionalId,
      className: text,
      deviceStudentId: text,
      photoUrl: text,
      devices: z.array(
        z.object({
          deviceId: id,
          deviceName: text,
          deviceExternalId: text,
          status: DiagnosticStatus,
          lastError: text,
          updatedAt: text,
        }),
      ),
    }),
  ),
  total: count,
  page: z.coerce.number(),
})
export type DeviceDiagnostics = z.infer<typeof DeviceDiagnostics>

export interface ImportRow {
  employeeNo: string
  firstName: string
  lastName: string
  fatherName?: string
  classId: string
  parentPhone?: string
  gender?: 'male' | 'female'
}

export const ImportPreview = z.object({
  total: count,
  createCount: count,
  updateCount: count,
  skipCount: count.default(0),
  invalidCount: count,
  duplicateCount: count.default(0),
  classErrorCount: count.default(0),
  rows: z.array(
    z.object({
      employeeNo: z.string(),
      firstName: z.string().nullish(),
      lastName: z.string().nullish(),
      classId: text,
      action: z.enum(['CREATE', 'UPDATE', 'INVALID']),
      reasons: z.array(z.string()).default([]),
      existingStudentId: optionalId,
    }),
  ),
})
export type ImportPreview = z.infer<typeof ImportPreview>

export interface ImportCommitInput {
  rows: ImportRow[]
  idempotencyKey: string
  sourceDeviceId?: string | null
  syncMode: 'none' | 'current' | 'all' | 'selected'
  targetDeviceIds?: string[]
  retryMode?: boolean
}

const StudentRef = z.object({ id, deviceStudentId: text })

export const ImportCommitAnswer = z.object({
  ok: z.boolean(),
  idempotent: z.boolean().default(false),
  jobId: id,
  createdCount: count,
  updatedCount: count,
  created: z.array(StudentRef).default([]),
  updated: z.array(StudentRef).default([]),
  students: z.array(StudentRef.extend({ firstName: text, lastName: text })).default([]),
})
export type ImportCommitAnswer = z.infer<typeof ImportCommitAnswer>

export const ImportJob = z.object({
  id,
  status: z.string(),
  retryCount: count.default(0),
  lastError: text,
  startedAt: text,
  finishedAt: text,
  totalRows: count.default(0),
  processed: count.default(0),
  success: count.default(0),
  failed: count.default(0),
  synced: count.default(0),
})
export type ImportJob = z.infer<typeof ImportJob>

// ---- the proxy's own answers, built from the ones above ----

/** `GET /api/classes` item. */
export const ClassListItem = z.object({
  id: z.string(),
  name: z.string(),
  gradeLevel: z.number().nullable(),
  /** true when the school server was out of reach and this is the list the proxy saw last */
  stale: z.boolean().optional(),
})
export type ClassListItem = z.infer<typeof ClassListItem>
export const ClassListResponse = z.array(ClassListItem)
export type ClassListResponse = z.infer<typeof ClassListResponse>

/** A student's state on one backend device, from the backend's diagnostics. */
export const StudentDeviceStatus = z.object({
  /** the backend's device id (a proxy Device's `backendId`) */
  backendDeviceId: z.string(),
  name: z.string().nullable(),
  /** the Hikvision serial (a proxy Device's `deviceId`) */
  serial: z.string().nullable(),
  status: DiagnosticStatus,
  lastError: z.string().nullable(),
  updatedAt: z.string().nullable(),
})
export type StudentDeviceStatus = z.infer<typeof StudentDeviceStatus>

/** `GET /api/students` item. */
export const StudentListItem = z.object({
  /** the backend's student id */
  id: z.string(),
  /** the backend's deviceStudentId: the employeeNo the student has on every device */
  employeeNo: z.string().nullable(),
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  fatherName: z.string().nullable(),
  classId: z.string().nullable(),
  className: z.string().nullable(),
  /** absolute URL on the backend; null when the student has none (such a student cannot be cloned) */
  photoUrl: z.string().nullable(),
  /** the same photo through the proxy (`/api/students/:id/photo`, bearer auth, cached for offline use) */
  photoPath: z.string().nullable().optional(),
  hasPhoto: z.boolean(),
  /** the school server's provisioning records per backend device (kept as the server sends them) */
  devices: z.array(StudentDeviceStatus),
  /**
   * The student on every proxy terminal, in `terminals` order: what the proxy last knew (with its time and
   * source), the school server's record only where the proxy knows nothing.
   */
  terminals: z.array(TerminalState).default([]),
})
export type StudentListItem = z.infer<typeof StudentListItem>

export const StudentListResponse = z.object({
  students: z.array(StudentListItem),
  page: z.number().int().min(1),
  totalPages: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** every proxy terminal, in the one order each student's `terminals` follow */
  terminals: z.array(TerminalColumn).default([]),
})
export type StudentListResponse = z.infer<typeof StudentListResponse>

export const StudentListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  search: z.string().trim().max(100).optional(),
  classId: z.string().trim().max(64).optional(),
})
export type StudentListQuery = z.infer<typeof StudentListQuery>
