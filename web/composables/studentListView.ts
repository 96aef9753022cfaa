import type { StudentListItem } from '../../shared/api'
import { stateRank, worstState, type TerminalCell } from './studentStates'

export const STUDENT_SORTS = ['name', 'class', 'state'] as const
export type StudentSort = (typeof STUDENT_SORTS)[number]

export function studentFullName(student: StudentListItem): string {
  return [student.lastName, student.firstName, student.fatherName].filter(Boolean).join(' ') || student.name
}

const byName = (a: StudentListItem, b: StudentListItem) =>
  studentFullName(a).localeCompare(studentFullName(b), 'uz')
const byClass = (a: StudentListItem, b: StudentListItem) =>
  (a.className ?? '').localeCompare(b.className ?? '', 'uz', { numeric: true })

/**
 * The students of the page in the chosen order, the name deciding ties: by state the ones missing from a
 * terminal or refused come first, so what needs doing is on the first screen.
 */
export function sortStudents(
  students: readonly StudentListItem[],
  sort: StudentSort,
  cellsOf: (student: StudentListItem) => readonly TerminalCell[],
): StudentListItem[] {
  const rank = new Map(students.map((student) => [student.id, stateRank(worstState(cellsOf(student)))]))
  const compare: Record<StudentSort, (a: StudentListItem, b: StudentListItem) => number> = {
    name: byName,
    class: (a, b) => byClass(a, b) || byName(a, b),
    state: (a, b) => rank.get(a.id)! - rank.get(b.id)! || byName(a, b),
  }
  return [...students].sort(compare[sort])
}
