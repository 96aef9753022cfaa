import type { StudentListItem } from '../../shared/api'

/** The Enroll page's query that fills its form with a student the school server already has. */
export function enrollQueryFor(student: StudentListItem): Record<string, string> {
  const query: Record<string, string> = { studentId: student.id }
  const fields = {
    firstName: student.firstName,
    lastName: student.lastName,
    fatherName: student.fatherName,
    classId: student.classId,
    className: student.className,
    employeeNo: student.employeeNo,
  }
  for (const [key, value] of Object.entries(fields)) if (value) query[key] = value
  return query
}
