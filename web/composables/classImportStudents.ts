import type { StudentListItem } from '../../shared/api'
import type { ApiClient } from '../api/client'
import { listStudents } from '../api/students'
import type { CheckContext } from '../import'

type ServerStudent = CheckContext['serverStudents'][number]

/** A student as the duplicate check compares them; the backend may give only the full "Last First" name. */
function comparable(student: StudentListItem, classId: string): ServerStudent {
  if (student.firstName || student.lastName) {
    return { classId, firstName: student.firstName ?? '', lastName: student.lastName ?? '' }
  }
  const [lastName = '', ...rest] = student.name.trim().split(/\s+/)
  return { classId, lastName, firstName: rest.join(' ') }
}

/** Every student the school server has in these classes (all pages), for the duplicate check. */
export async function fetchClassStudents(
  api: ApiClient,
  classIds: readonly string[],
  signal?: AbortSignal,
): Promise<ServerStudent[]> {
  const found: ServerStudent[] = []
  for (const classId of new Set(classIds)) {
    for (let page = 1, pages = 1; page <= pages; page += 1) {
      const answer = await listStudents(api, { classId, page }, signal)
      pages = answer.totalPages
      for (const student of answer.students) found.push(comparable(student, student.classId ?? classId))
    }
  }
  return found
}
