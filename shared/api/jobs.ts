import { z } from 'zod'

export const JobCreate = z.discriminatedUnion('type', [
  z.object({ type: z.literal('clone-db-to-device'), targetDeviceId: z.string().min(1) }),
  z.object({
    type: z.literal('clone-device-to-device'),
    sourceDeviceId: z.string().min(1),
    targetDeviceId: z.string().min(1),
  }),
])
export type JobCreate = z.infer<typeof JobCreate>

export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled'])

export const JobError = z.object({
  employeeNo: z.string().optional(),
  studentId: z.string().optional(),
  name: z.string().optional(),
  code: z.string(),
  message: z.string(),
})
export type JobError = z.infer<typeof JobError>

export const Job = z.object({
  id: z.string(),
  type: z.enum(['clone-db-to-device', 'clone-device-to-device']),
  state: JobState,
  total: z.number(),
  done: z.number(),
  skipped: z.number(),
  failed: z.number(),
  errors: z.array(JobError),
  startedAt: z.string(),
  finishedAt: z.string().nullable().optional(),
  warning: z.string().optional(),
})
export type Job = z.infer<typeof Job>
