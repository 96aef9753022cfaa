import type { BackendStudent, StudentListQuery, StudentListResponse } from '../../../shared/api/backend'
import { AppError } from '../../../shared/errors'
import { studentListFromDiagnostics } from '../../backend/student-list'
import type { TerminalBook } from '../terminal-states/terminal-book'
import type { BackendAccess } from './backend-access'

/** What the directory remembers of a student it has listed, to find the photo and the record again. */
interface Known {
  photoUrl: string | null
  employeeNo: string | null
}

export function photoPathOf(studentId: string): string {
  return `/api/students/${encodeURIComponent(studentId)}/photo`
}

/**
 * The school's students as the app lists them: one backend page of 50 at a time (device diagnostics, so each
 * student comes with its state on every backend device), photos pointed at the proxy. The backend has no
 * "student by id" route, so the ids, photo URLs and employee numbers seen in lists are remembered to reach a
 * student again.
 */
export class StudentDirectory {
  private readonly known = new Map<string, Known>()

  constructor(
    private readonly backend: BackendAccess,
    /** the proxy's own knowledge of who is on which terminal; absent, only the server's records are shown */
    private readonly book?: TerminalBook,
    private readonly seen?: (students: Array<{ id: string; deviceStudentId: string | null }>) => void,
  ) {}

  async list(query: StudentListQuery): Promise<StudentListResponse> {
    const client = this.backend.require()
    const answer = await client.deviceDiagnostics({
      page: query.page,
      search: query.search || undefined,
      classId: query.classId || undefined,
    })
    const list = studentListFromDiagnostics(answer)
    for (const student of list.students) {
      this.known.set(student.id, { photoUrl: student.photoUrl, employeeNo: student.employeeNo })
    }
    this.seen?.(list.students.map((s) => ({ id: s.id, deviceStudentId: s.employeeNo })))
    const numbers = list.students.flatMap((s) => (s.employeeNo ? [s.employeeNo] : []))
    const school = new Map(list.students.map((s) => [s.employeeNo, s.devices]))
    const states = this.book?.view(numbers, (no) => school.get(no))
    return {
      ...list,
      students: list.students.map((student) => ({
        ...student,
        photoPath: student.hasPhoto ? photoPathOf(student.id) : null,
        terminals: (student.employeeNo && states?.get(student.employeeNo)) || [],
      })),
      terminals: this.book?.columns() ?? [],
    }
  }

  /** The backend's photo URL of a listed student: undefined when never listed, null when it has none. */
  photoUrlOf(studentId: string): string | null | undefined {
    return this.known.get(studentId)?.photoUrl
  }

  remember(student: BackendStudent): void {
    this.known.set(student.id, { photoUrl: student.photoUrl, employeeNo: student.deviceStudentId })
  }

  /**
   * The full record of one student (every field, so a PUT keeps what it does not change). By its employee
   * number when known (one request), else by walking the pages until it turns up.
   */
  async find(studentId: string, employeeNoHint?: string): Promise<BackendStudent> {
    const client = this.backend.require()
    const employeeNo = employeeNoHint ?? this.known.get(studentId)?.employeeNo
    if (employeeNo) {
      const student = await client.studentByDeviceStudentId(employeeNo)
      if (student?.id === studentId) return this.keep(student)
    }
    for await (const student of client.listAllStudents()) {
      if (student.id === studentId) return this.keep(student)
    }
    throw new AppError('not_found', `The school server has no student with id ${studentId}`, {
      field: 'id',
    })
  }

  private keep(student: BackendStudent): BackendStudent {
    this.remember(student)
    return student
  }
}
