import { z } from 'zod'
import { plainName } from './plain-text'
import { DeviceRef } from './devices'

export const Gender = z.enum(['male', 'female'])

export const StudentInput = z.object({
  firstName: plainName(1, 64),
  lastName: plainName(1, 64),
  fatherName: plainName(0, 64).optional(),
  gender: Gender.optional(),
  classId: z.string().trim().max(64).optional(),
  parentPhone: z.string().trim().max(32).optional(),
  employeeNo: z
    .string()
    .regex(/^[1-9][0-9]{0,31}$/, 'employeeNo must be numeric')
    .optional(),
  backendStudentId: z.string().trim().max(64).optional(),
})
export type StudentInput = z.infer<typeof StudentInput>

/** What the tablet's face check found wrong with a photo (web/face/checks.ts says the limits). */
export const FaceCheckProblem = z.enum([
  'dark',
  'bright',
  'noFace',
  'manyFaces',
  'small',
  'turned',
  'eyesClosed',
  'blurred',
])
export type FaceCheckProblem = z.infer<typeof FaceCheckProblem>

/** How the photo got past the tablet's face check: it passed, the operator overrode one check, or it was off. */
export const FaceCheckRecord = z.object({
  state: z.enum(['passed', 'overridden', 'off']),
  /** the one check the operator overrode, after a confirmation */
  problem: FaceCheckProblem.optional(),
})
export type FaceCheckRecord = z.infer<typeof FaceCheckRecord>

export const RegistrationRequest = z.object({
  clientId: z.uuid(),
  student: StudentInput,
  /** base64 of a JPEG, PNG or WebP (a data: URL prefix is accepted) */
  face: z.string().min(16),
  deviceIds: z.array(DeviceRef).min(1).max(50),
  /** absent from clients older than the face check */
  faceCheck: FaceCheckRecord.optional(),
})
export type RegistrationRequest = z.infer<typeof RegistrationRequest>

export const DeviceOutcomeStatus = z.enum(['SUCCESS', 'FAILED', 'ROLLED_BACK', 'SKIPPED'])

export const DeviceOutcome = z.object({
  deviceId: z.string(),
  status: DeviceOutcomeStatus,
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      subStatusCode: z.string().optional(),
      /** for `device_locked`, when the device said how long */
      retryAfterSec: z.number().optional(),
    })
    .optional(),
})
export type DeviceOutcome = z.infer<typeof DeviceOutcome>

export const Registration = z.object({
  clientId: z.string(),
  employeeNo: z.string(),
  status: z.enum(['SUCCESS', 'FAILED']),
  devices: z.array(DeviceOutcome),
  backend: z.object({
    status: z.enum(['sent', 'queued', 'off']),
    provisioningId: z.string().optional(),
    /** the backend refused the report for good; it waits in the outbox as failed */
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  /** the name as written on the devices (before each device's own byte limit) */
  name: z.string().optional(),
})
export type Registration = z.infer<typeof Registration>

/** The student fields an edit may change; the employeeNo never changes. */
export const StudentEdit = StudentInput.omit({ employeeNo: true }).partial()
export type StudentEdit = z.infer<typeof StudentEdit>

/**
 * `PUT /api/registrations/:employeeNo`: any of a new name (and other student fields), a new photo, a new
 * device set (devices added get the student, devices left out lose it). JSON, or multipart with a `face`
 * file part and a `data` JSON part. `clientId` makes a retried edit answer its first result.
 */
export const RegistrationEditFields = z.object({
  clientId: z.uuid().optional(),
  student: StudentEdit.optional(),
  deviceIds: z.array(DeviceRef).min(1).max(50).optional(),
})
export const RegistrationEdit = RegistrationEditFields.extend({
  /** base64 of a JPEG, PNG or WebP (a data: URL prefix is accepted) */
  face: z.string().min(16).optional(),
}).refine((edit) => edit.student !== undefined || edit.face !== undefined || edit.deviceIds !== undefined, {
  message: 'nothing to change: give student, face or deviceIds',
  path: ['student'],
})
export type RegistrationEdit = z.infer<typeof RegistrationEdit>

/** A registration's number in a path: digits, not starting with 0, at most 32. */
export const RegistrationEmployeeNo = z.string().regex(/^[1-9][0-9]{0,31}$/, 'employeeNo must be numeric')

/** `DELETE /api/registrations/:employeeNo?deviceIds=a,b`; without deviceIds, every device it is on. */
export const RegistrationRemoveQuery = z.object({
  deviceIds: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : [
            ...new Set(
              value
                .split(',')
                .map((id) => id.trim())
                .filter(Boolean),
            ),
          ],
    )
    .refine((ids) => ids === undefined || ids.length > 0, 'deviceIds must name at least one device'),
})
export type RegistrationRemoveQuery = z.infer<typeof RegistrationRemoveQuery>
