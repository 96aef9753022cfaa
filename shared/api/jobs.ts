import { z } from 'zod'
import { DeviceRef } from './devices'

export const JobType = z.enum(['clone-db-to-device', 'clone-device-to-device'])
export type JobType = z.infer<typeof JobType>

export const JobCreate = z.discriminatedUnion('type', [
  z.object({ type: z.literal('clone-db-to-device'), targetDeviceId: DeviceRef }),
  z.object({
    type: z.literal('clone-device-to-device'),
    sourceDeviceId: DeviceRef,
    targetDeviceId: DeviceRef,
  }),
])
export type JobCreate = z.infer<typeof JobCreate>

export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled'])
export type JobState = z.infer<typeof JobState>

export const JobError = z.object({
  employeeNo: z.string().optional(),
  studentId: z.string().optional(),
  name: z.string().optional(),
  code: z.string(),
  message: z.string(),
  /** the device's own reason, when the device refused */
  subStatusCode: z.string().optional(),
})
export type JobError = z.infer<typeof JobError>

/**
 * Room on the target before the job starts: `max` from its capabilities (null when it does not say),
 * `onDevice` people already there, `incoming` the most the job may add (the source's count).
 */
export const JobCapacity = z.object({
  max: z.number().nullable(),
  onDevice: z.number(),
  incoming: z.number(),
  fits: z.boolean(),
})
export type JobCapacity = z.infer<typeof JobCapacity>

export const Job = z.object({
  id: z.string(),
  type: JobType,
  state: JobState,
  total: z.number(),
  done: z.number(),
  /** everyone not written on purpose: already on the target, or without a photo (`noPhoto` of them) */
  skipped: z.number(),
  /** of the skipped, those with no photo to write: passed over, not an error */
  noPhoto: z.number().optional(),
  failed: z.number(),
  /** why each person was not written: the failed ones, and those passed over for want of a photo */
  errors: z.array(JobError),
  startedAt: z.string(),
  finishedAt: z.string().nullable().optional(),
  warning: z.string().optional(),
  sourceDeviceId: z.string().nullable().optional(),
  targetDeviceId: z.string().optional(),
  capacity: JobCapacity.nullable().optional(),
  /** a cancel was asked for; the job stops after the item it is writing */
  cancelRequested: z.boolean().optional(),
  /** why the whole job stopped (`failed`), or what it is waiting for while a device is away */
  lastError: JobError.nullable().optional(),
})
export type Job = z.infer<typeof Job>

/** `GET /api/jobs/capacity?targetDeviceId=&sourceDeviceId=`: the check a job makes before it starts. */
export const JobCapacityQuery = z.object({
  targetDeviceId: z.string().min(1),
  sourceDeviceId: z.string().min(1).optional(),
})
export type JobCapacityQuery = z.infer<typeof JobCapacityQuery>

export const JobCapacityCheck = z.object({
  capacity: JobCapacity,
  warning: z.string().optional(),
})
export type JobCapacityCheck = z.infer<typeof JobCapacityCheck>

/** The refusal code of a person a copy passes over for want of a photo (skipped, not failed). */
export const NO_PHOTO = 'no_photo'

/** The outcome of one person in a job's CSV report. */
export const JobItemOutcome = z.enum(['done', 'skipped', 'failed'])
export type JobItemOutcome = z.infer<typeof JobItemOutcome>

/**
 * One person in `GET /api/jobs/:id/report`: who, how it ended and, for a person not written, the stable
 * error code and the device's own sub-status. Codes only: the app writes the report in the reader's words.
 */
export const JobReportRow = z.object({
  employeeNo: z.string().optional(),
  studentId: z.string().optional(),
  name: z.string().optional(),
  outcome: JobItemOutcome,
  code: z.string().optional(),
  subStatusCode: z.string().optional(),
})
export type JobReportRow = z.infer<typeof JobReportRow>

export const JobReport = z.array(JobReportRow)
export type JobReport = z.infer<typeof JobReport>

/** Server-Sent Events on `GET /api/jobs/:id/events`: `event: job`, `data: <Job JSON>`; the last one is final. */
export const JOB_EVENT = 'job'
