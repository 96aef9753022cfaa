import { z } from 'zod'

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
  error: z.object({ code: z.string(), message: z.string(), subStatusCode: z.string().optional() }).optional(),
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
  }),
})
export type Registration = z.infer<typeof Registration>
