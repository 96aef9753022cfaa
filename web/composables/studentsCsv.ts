import { spreadsheetCsv } from '../../shared/csv'
import type { StudentListItem } from '../../shared/api'
import type { TerminalCell, TerminalState } from './studentStates'

export interface StudentsCsvWords {
  lastName: string
  firstName: string
  fatherName: string
  className: string
  employeeNo: string
  state: Record<TerminalState, string>
}

/**
 * Only the ticked students, as a spreadsheet, made on the tablet from what the screen shows (no trip to
 * the proxy): names, class, number, and one column per terminal in the order the screen shows them.
 */
export function selectedStudentsCsv(
  students: readonly StudentListItem[],
  cellsOf: (student: StudentListItem) => readonly TerminalCell[],
  words: StudentsCsvWords,
): string {
  const terminals = new Map<string, string>()
  for (const student of students) for (const cell of cellsOf(student)) terminals.set(cell.key, cell.name)
  const header = [words.lastName, words.firstName, words.fatherName, words.className, words.employeeNo]
  const rows = students.map((student) => {
    const cells = new Map(cellsOf(student).map((cell) => [cell.key, cell.state]))
    return [
      student.lastName ?? student.name,
      student.firstName ?? '',
      student.fatherName ?? '',
      student.className ?? '',
      student.employeeNo ?? '',
      ...[...terminals.keys()].map((key) => words.state[cells.get(key) ?? 'unknown']),
    ]
  })
  return spreadsheetCsv([[...header, ...terminals.values()], ...rows])
}
