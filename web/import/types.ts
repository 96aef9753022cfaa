export type ImportGender = 'male' | 'female'

export interface ImportPhoto {
  bytes: Uint8Array
  type: 'image/jpeg' | 'image/png' | 'image/webp'
  width: number
  height: number
}

export type RowProblemCode =
  | 'name_missing'
  | 'gender_unknown'
  | 'class_unknown'
  | 'photo_missing'
  | 'photo_unreadable'
  | 'photo_too_small'
  | 'photo_too_many_pixels'
  | 'duplicate_in_file'
  | 'duplicate_on_server'
  | 'phone_invalid'

export interface RowProblem {
  code: RowProblemCode
  detail?: string
}

export interface ImportRow {
  /** stable id: `${sheet}#${rowNumber}` */
  key: string
  /** the sheet's name; 'CSV' for a CSV file */
  sheet: string
  /** the row number as the user sees it in Excel (1-based, header included) */
  rowNumber: number
  lastName: string
  firstName: string
  fatherName?: string
  gender?: ImportGender
  /** what the cell said, shown when it could not be read */
  genderText?: string
  /** as written in the file; checkRows normalises a valid Uzbek number to +998XXXXXXXXX */
  phone?: string
  /** the sheet's name, or the row's class column when the file has one (CSV) */
  classLabel: string
  /** set by checkRows from the label → class mapping */
  classId?: string
  /** the CSV's student id column (deviceStudentId / employeeNo), when the file has one */
  deviceStudentId?: string
  photo?: ImportPhoto
  /** photo problems found while reading + everything checkRows finds */
  problems: RowProblem[]
}

export type FileProblemCode =
  | 'not_a_spreadsheet'
  | 'encrypted'
  | 'corrupt'
  | 'no_header'
  | 'too_many_rows'
  | 'too_large'
  | 'too_large_unpacked'
  | 'photos_unreadable'
  | 'empty'

export interface FileProblem {
  code: FileProblemCode
  sheet?: string
  detail?: string
}

export interface ParsedSheet {
  name: string
  rows: number
  problems: FileProblem[]
}

export interface ParsedImport {
  kind: 'xlsx' | 'csv'
  sheets: ParsedSheet[]
  rows: ImportRow[]
  /** a file-level problem: nothing of the file may be imported */
  problems: FileProblem[]
}

export interface ImportProgress {
  phase: 'reading' | 'rows' | 'photos'
  done: number
  total: number
}

export interface CheckContext {
  classes: { id: string; name: string }[]
  /** the operator's mapping of a sheet name / class label to a class id (where names differ) */
  classFor: Record<string, string>
  /** students the server already has in the classes concerned: same class + same first and last name
   *  (compared ignoring case and the Uzbek apostrophe variants ʻ ʼ ' `) is a duplicate */
  serverStudents: { classId: string; firstName: string; lastName: string }[]
}
