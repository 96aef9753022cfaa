import { z } from 'zod'

/**
 * What a device holds of one student, read live:
 * - `PRESENT` the person and a face;
 * - `NO_FACE` the person without a face (the door will not open for them);
 * - `ABSENT` no such person;
 * - `OFFLINE` the device could not be asked (unreachable, or its answer made no sense: see `error.code`);
 * - `CREDENTIALS_EXPIRED` the saved password is past its 30 days (`credentials_expired`), or the device
 *   refused it (`device_auth_failed`) or locked the account (`device_locked`).
 */
export const LIVE_STATES = ['PRESENT', 'NO_FACE', 'ABSENT', 'OFFLINE', 'CREDENTIALS_EXPIRED'] as const
export const LiveState = z.enum(LIVE_STATES)
export type LiveState = z.infer<typeof LiveState>

const EmployeeNo = z
  .string()
  .trim()
  .regex(/^[^\s\p{Cc}]{1,32}$/u, 'employeeNo must be 1–32 characters without spaces')

const DeviceIds = z.array(z.string().trim().min(1).max(64)).min(1).max(50)

/** How many students one call checks at most: the screen sends a class in chunks to show progress. */
export const LIVE_CHECK_MAX_STUDENTS = 500

/**
 * `POST /api/live-check`: either some students by number, or a class from the school server (all its
 * pages; the proxy's own registrations of that class when the server is away). `offset`/`limit` take a
 * slice of the class, so a long class is checked in chunks. No `deviceIds` means every device.
 */
export const LiveCheckRequest = z
  .object({
    employeeNos: z.array(EmployeeNo).min(1).max(LIVE_CHECK_MAX_STUDENTS).optional(),
    classId: z.string().trim().min(1).max(64).optional(),
    deviceIds: DeviceIds.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(LIVE_CHECK_MAX_STUDENTS).optional(),
  })
  .refine((body) => (body.employeeNos === undefined) !== (body.classId === undefined), {
    message: 'give either employeeNos or classId',
    path: ['classId'],
  })
export type LiveCheckRequest = z.infer<typeof LiveCheckRequest>

export const LiveCheckError = z.object({ code: z.string(), message: z.string() })
export type LiveCheckError = z.infer<typeof LiveCheckError>

export const LiveCheckCell = z.object({
  deviceId: z.string(),
  state: LiveState,
  error: LiveCheckError.optional(),
})
export type LiveCheckCell = z.infer<typeof LiveCheckCell>

export const LiveCheckStudent = z.object({
  /** null: the student has no device number on the school server ("not enrolled"); nothing is asked */
  employeeNo: z.string().nullable(),
  name: z.string(),
  studentId: z.string().optional(),
  /**
   * true: neither this proxy's registration nor the school server has a photo of the student, so a fix has
   * nothing to write; the screen says "no photo" instead of offering one
   */
  noPhoto: z.boolean().optional(),
  /** one cell per checked device; empty when not enrolled */
  devices: z.array(LiveCheckCell),
})
export type LiveCheckStudent = z.infer<typeof LiveCheckStudent>

export const LiveCheckDevice = z.object({
  id: z.string(),
  name: z.string(),
  /** the device answered every search */
  online: z.boolean(),
})
export type LiveCheckDevice = z.infer<typeof LiveCheckDevice>

export const LiveCheckResponse = z.object({
  students: z.array(LiveCheckStudent),
  devices: z.array(LiveCheckDevice),
  /** students in the whole request (the class, or the numbers given) */
  total: z.number().int().nonnegative(),
  /** where this slice starts */
  offset: z.number().int().nonnegative(),
  /** where the list of students came from */
  source: z.enum(['backend', 'registrations', 'request']),
})
export type LiveCheckResponse = z.infer<typeof LiveCheckResponse>

/** `POST /api/live-check/fix`: writes what is missing of one student on these devices, then checks again. */
export const LiveCheckFixRequest = z.object({
  employeeNo: EmployeeNo,
  deviceIds: DeviceIds,
  /** the school server's id of the student, for the name and photo when the proxy has no registration */
  studentId: z.string().trim().min(1).max(64).optional(),
})
export type LiveCheckFixRequest = z.infer<typeof LiveCheckFixRequest>

export const LiveCheckFixAction = z.object({
  deviceId: z.string(),
  /** `person-and-face` for an ABSENT student, `face` for NO_FACE, `none` when nothing was missing */
  wrote: z.enum(['person-and-face', 'face', 'none']),
  error: LiveCheckError.optional(),
})
export type LiveCheckFixAction = z.infer<typeof LiveCheckFixAction>

export const LiveCheckFixResponse = z.object({
  /** the student as the devices hold it after the fix */
  student: LiveCheckStudent,
  devices: z.array(LiveCheckDevice),
  actions: z.array(LiveCheckFixAction),
})
export type LiveCheckFixResponse = z.infer<typeof LiveCheckFixResponse>
