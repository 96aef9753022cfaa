import type { ImportRow } from './types'
import type { ColumnMap } from './header'
import { parseGender } from './gender'
import { cleanText } from './text'

/** One data row read through the header's column map; undefined when the row holds no student at all. */
export function rowFromCells(
  cells: string[],
  columns: ColumnMap,
  where: { sheet: string; rowNumber: number; classLabel: string; hasPhoto: boolean },
): ImportRow | undefined {
  const cell = (index: number | undefined) => (index === undefined ? '' : cleanText(cells[index] ?? ''))
  let lastName = cell(columns.lastName)
  let firstName = cell(columns.firstName)
  let fatherName = cell(columns.fatherName)
  if (columns.fullName !== undefined && !lastName && !firstName) {
    // "Familiya Ism [Otasining ismi]", the order school lists are written in
    const [last = '', first = '', ...father] = cell(columns.fullName).split(' ')
    lastName = last
    firstName = first
    fatherName ||= father.join(' ')
  }
  const genderText = cell(columns.gender)
  const phone = cell(columns.phone)
  const deviceStudentId = cell(columns.deviceStudentId)
  // A pre-numbered empty template row has only its "#"; it is not a student.
  if (!lastName && !firstName && !fatherName && !genderText && !phone && !where.hasPhoto) return undefined
  const gender = parseGender(genderText)
  const row: ImportRow = {
    key: `${where.sheet}#${where.rowNumber}`,
    sheet: where.sheet,
    rowNumber: where.rowNumber,
    lastName,
    firstName,
    classLabel: cleanText(cell(columns.classLabel)) || where.classLabel,
    problems: [],
  }
  if (fatherName) row.fatherName = fatherName
  if (gender) row.gender = gender
  else row.genderText = genderText
  if (phone) row.phone = phone
  if (deviceStudentId) row.deviceStudentId = deviceStudentId
  return row
}
