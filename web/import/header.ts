import { compareKey } from './text'

export type Column =
  | 'number'
  | 'lastName'
  | 'firstName'
  | 'fatherName'
  | 'fullName'
  | 'gender'
  | 'phone'
  | 'photo'
  | 'classLabel'
  | 'deviceStudentId'

/** The header words we know, in Uzbek, English and Russian, as compareKey writes them. */
const HEADERS: Record<Column, string[]> = {
  number: ['#', 'no', '№', 'n', 't/r', 'tr', 'r/t', '№ п/п', 'п/п', 'nr', 'number'],
  lastName: ['familiya', 'familiyasi', 'last name', 'lastname', 'surname', 'family name', 'фамилия'],
  firstName: ['ism', 'ismi', 'first name', 'firstname', 'name', 'given name', 'имя'],
  fatherName: [
    'otasining ismi',
    'otasi',
    'sharifi',
    "father's name",
    'fathers name',
    'father name',
    'patronymic',
    'middle name',
    'отчество',
  ],
  fullName: [
    'full name',
    'fullname',
    'fio',
    'f.i.o',
    'f.i.sh',
    'ф.и.о',
    'фио',
    "to'liq ismi",
    'ism familiya',
  ],
  gender: ['jinsi', 'jins', 'gender', 'sex', 'пол'],
  phone: ['telefon', 'telefon raqami', 'phone', 'phone number', 'parent phone', 'телефон', 'тел'],
  photo: ['photo', 'rasm', 'rasmi', 'surat', 'picture', 'image', 'фото', 'фотография'],
  classLabel: ['sinf', 'sinfi', 'class', 'grade', 'класс'],
  deviceStudentId: ['devicestudentid', 'device student id', 'employeeno', 'employee no', 'id'],
}

const BY_WORD = new Map<string, Column>(
  Object.entries(HEADERS).flatMap(([column, words]) => words.map((word) => [word, column as Column])),
)

/** Column → its 0-based index in the row. */
export type ColumnMap = Partial<Record<Column, number>>

// "*Familiya:" in a template that marks required fields, "Ism (majburiy)" with a hint in brackets.
function headerKey(text: string): string {
  return compareKey(text)
    .replace(/\(.*\)/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/[:.]+$/, '')
    .trim()
}

/** The columns a row names when it is a header we recognise: at least the names (separately or together). */
export function recogniseHeader(cells: string[]): ColumnMap | undefined {
  const map: ColumnMap = {}
  cells.forEach((cell, index) => {
    const column = BY_WORD.get(headerKey(cell))
    if (column !== undefined && map[column] === undefined) map[column] = index
  })
  // a list with one name column ("Ism", "Name") holds the whole name in it: "Karimov Aziz"
  if (map.fullName === undefined && (map.lastName === undefined) !== (map.firstName === undefined)) {
    map.fullName = map.lastName ?? map.firstName
    delete map.lastName
    delete map.firstName
  }
  const hasNames = (map.lastName !== undefined && map.firstName !== undefined) || map.fullName !== undefined
  return hasNames ? map : undefined
}

/** Title rows may sit above the header ("5-A sinf o'quvchilari"); the header is within the first five rows. */
export const HEADER_SEARCH_ROWS = 5
