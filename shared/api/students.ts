import { z } from 'zod'
import { StudentListItem } from './backend'
import { plainName } from './plain-text'

/** `POST /api/classes` (admin): a new class on the school server. */
export const ClassCreate = z.object({
  name: plainName(1, 50),
  gradeLevel: z.number().int().min(0).max(12),
})
export type ClassCreate = z.infer<typeof ClassCreate>

/** A student's id on the school server as it may appear in a path. */
export const BackendStudentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'student id must be 1–64 letters, digits, "-" or "_"')

export const StudentIdParams = z.object({ id: BackendStudentId })

/** `POST /api/students/:id/photo` → the student as the school server has it now, without device states. */
export const StudentPhotoResult = z.object({ student: StudentListItem.omit({ devices: true }) })
export type StudentPhotoResult = z.infer<typeof StudentPhotoResult>
