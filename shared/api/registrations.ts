import { z } from 'zod'
import { BackendRefusalReason } from './terminal-state'

export const Gender = z.enum(['male', 'female'])

export const StudentInput = z.object({
  firstName: z.string().trim().min(1).max(64),
  lastName: z.string().trim().min(1).max(64),
  fatherName: z.string().trim().max(64).optional(),
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

export const RegistrationRequest = z.object({
  clientId: z.uuid(),
  student: StudentInput,
  /** base64 of a JPEG, PNG or WebP (a data: URL prefix is accepted) */
  face: z.string().min(16),
  deviceIds: z.array(z.string().min(1)).min(1),
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
    error: z
      .object({
        code: z.string(),
        /** the server's own words */
        message: z.string(),
        /** why, as a stable code (see BackendRefusal) */
        reason: BackendRefusalReason.optional(),
        /** the refused outbox report, for `POST /api/outbox/:id/retry` */
        reportId: z.string().optional(),
      })
      .optional(),
  }),
  /** the name as written on the devices (before each device's own byte limit) */
  name: z.string().optional(),
  /** an edit made the proxy take over a person it had not enrolled (a copy, an import, the old app) */
  adopted: z.boolean().optional(),
  /**
   * On a `duplicate` refusal of `POST /api/registrations`: the person already there under this number.
   * The way out is the student sheet (`GET /api/registrations/:employeeNo`) and an edit (`PUT`), not a retry.
   */
  existing: z
    .object({
      employeeNo: z.string(),
      /** the proxy has a registration for the number (it enrolled or adopted the person) */
      registered: z.boolean(),
      /** the terminals found holding a person under the number */
      deviceIds: z.array(z.string()),
      /** the name one of them holds */
      name: z.string().nullable(),
    })
    .optional(),
  /** `DELETE … ?deleteOnSchoolServer=true`: what became of the student on the school server */
  schoolServer: z
    .object({
      status: z.enum(['deleted', 'not_found', 'failed', 'kept']),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    })
    .optional(),
})
export type Registration = z.infer<typeof Registration>

/** The student fields an edit may change; the employeeNo never changes. */
export const StudentEdit = StudentInput.omit({ employeeNo: true }).partial()
export type StudentEdit = z.infer<typeof StudentEdit>

/**
 * `PUT /api/registrations/:employeeNo`: any of a new name (and other student fields), a new photo, a new
 * device set (devices added get the student, devices left out lose it). JSON, or multipart with a `face`
 * file part and a `data` JSON part. `clientId` makes a retried edit answer its first result.
 *
 * Works for any person whose number is on a terminal or is a `deviceStudentId` on the school server, not
 * only for those this proxy enrolled: the first edit adopts them (`adopted: true` in the answer). Without
 * `deviceIds` the edit goes to every terminal holding the person; `addDeviceIds` adds terminals that lack
 * them in the same all-or-nothing step (an operator may add; only an admin may leave a terminal out).
 */
export const RegistrationEditFields = z.object({
  clientId: z.uuid().optional(),
  student: StudentEdit.optional(),
  deviceIds: z.array(z.string().min(1)).min(1).optional(),
  addDeviceIds: z.array(z.string().min(1)).min(1).optional(),
})
export const RegistrationEdit = RegistrationEditFields.extend({
  /** base64 of a JPEG, PNG or WebP (a data: URL prefix is accepted) */
  face: z.string().min(16).optional(),
}).refine(
  (edit) =>
    edit.student !== undefined ||
    edit.face !== undefined ||
    edit.deviceIds !== undefined ||
    edit.addDeviceIds !== undefined,
  { message: 'nothing to change: give student, face, deviceIds or addDeviceIds', path: ['student'] },
)
export type RegistrationEdit = z.infer<typeof RegistrationEdit>

/** A registration's number in a path: digits, not starting with 0, at most 32. */
export const RegistrationEmployeeNo = z.string().regex(/^[1-9][0-9]{0,31}$/, 'employeeNo must be numeric')

/**
 * `DELETE /api/registrations/:employeeNo?deviceIds=a,b&deleteOnSchoolServer=true` (admin): without
 * deviceIds, from every terminal of the proxy, each read back; whoever enrolled the person. The student
 * stays on the school server unless `deleteOnSchoolServer=true` (then `DELETE /students/:id` there, which
 * makes the student inactive).
 */
export const RegistrationRemoveQuery = z.object({
  deleteOnSchoolServer: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
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
