import { z } from 'zod'
import { StudentListItem } from './backend'
import { Gender, StudentInput } from './registrations'
import { BackendRefusal } from './terminal-state'

/** `POST /api/classes` (admin): a new class on the school server. */
export const ClassCreate = z.object({
  name: z.string().trim().min(1).max(50),
  gradeLevel: z.number().int().min(0).max(12),
})
export type ClassCreate = z.infer<typeof ClassCreate>

/** A student's id on the school server as it may appear in a path. */
export const BackendStudentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'student id must be 1–64 letters, digits, "-" or "_"')

export const StudentIdParams = z.object({ id: BackendStudentId })

/** `POST /api/students/:id/photo` → the student as the school server has it now, without device states. */
export const StudentPhotoResult = z.object({
  student: StudentListItem.omit({ devices: true, terminals: true }),
})
export type StudentPhotoResult = z.infer<typeof StudentPhotoResult>

/**
 * `POST /api/students` (any paired screen): a student saved to the school server only, written to no
 * terminal (enrolled later from the Students page). The proxy gives the student an employeeNo, which becomes
 * the server's `deviceStudentId`, and sends it through the outbox (`provision` with no target device).
 * The same `clientId` again answers the first result.
 */
export const StudentSave = z.object({
  clientId: z.uuid(),
  student: StudentInput.omit({ employeeNo: true, backendStudentId: true }).extend({
    gender: Gender,
    classId: z.string().trim().min(1).max(64),
  }),
  /** base64 of a JPEG, PNG or WebP; normalized like an enrollment face */
  face: z.string().min(16).optional(),
})
export type StudentSave = z.infer<typeof StudentSave>

export const StudentSaveResult = z.object({
  clientId: z.string(),
  employeeNo: z.string(),
  backend: z.object({
    status: z.enum(['sent', 'queued', 'off']),
    /** the server's student id, once it has answered */
    studentId: z.string().optional(),
    refusal: BackendRefusal.optional(),
  }),
})
export type StudentSaveResult = z.infer<typeof StudentSaveResult>
