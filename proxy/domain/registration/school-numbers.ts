import type { BackendStudent } from '../../../shared/api/backend'
import { AppError } from '../../../shared/errors'
import { isUnavailable } from '../students/backend-access'

/** The school server's student list, page by page (BackendClient.listAllStudents). */
export interface StudentPages {
  listAllStudents(): AsyncIterable<BackendStudent>
}

/**
 * A school server student's `deviceStudentId`, by the student's id: the number an enrollment must use for
 * them (one person, one number). The server has no "student by id" route, so its pages are walked once
 * and every student seen is remembered; a later question, or one asked while the server is away, is
 * answered from memory. Null: the student has no number yet.
 */
export class SchoolNumbers {
  private readonly known = new Map<string, string | null>()

  constructor(private readonly pages: StudentPages | null) {}

  /** Remembers students seen elsewhere (a list page, a lookup), so fewer walks are needed. */
  remember(students: Iterable<Pick<BackendStudent, 'id' | 'deviceStudentId'>>): void {
    for (const student of students) this.known.set(student.id, student.deviceStudentId)
  }

  async of(studentId: string): Promise<string | null> {
    if (this.known.has(studentId)) return this.known.get(studentId) ?? null
    if (!this.pages) throw unreachable(studentId, 'the school server is not set up on this proxy')
    try {
      for await (const student of this.pages.listAllStudents()) {
        this.known.set(student.id, student.deviceStudentId)
        if (student.id === studentId) return student.deviceStudentId
      }
    } catch (error) {
      if (isUnavailable(error)) throw unreachable(studentId, (error as AppError).message)
      throw error
    }
    throw new AppError('not_found', `The school server has no student with id ${studentId}`, {
      field: 'student.backendStudentId',
    })
  }
}

function unreachable(studentId: string, why: string): AppError {
  return new AppError(
    'backend_unavailable',
    `Student ${studentId}'s number on the terminals cannot be found: the school server does not answer (${why}) and the proxy has not seen it before. Try again when the server answers, or send student.employeeNo.`,
    { field: 'student.backendStudentId', details: { reason: 'student_number_unknown' } },
  )
}
