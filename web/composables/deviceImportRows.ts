import type {
  DeviceImportPreviewRow,
  DeviceImportRow,
  DeviceImportRowResult,
  ImportCandidate,
} from '../../shared/api'

/** One person of the device as the operator edits it before the import. */
export interface EditableRow {
  employeeNo: string
  deviceName: string
  hasFace: boolean
  lastName: string
  firstName: string
  fatherName: string
  classId: string
  gender: '' | 'male' | 'female'
  selected: boolean
  preview: DeviceImportPreviewRow | null
  result: DeviceImportRowResult | null
}

export type MissingField = 'lastName' | 'firstName' | 'classId'

export function editableRow(candidate: ImportCandidate): EditableRow {
  return {
    employeeNo: candidate.employeeNo,
    deviceName: candidate.deviceName,
    hasFace: candidate.hasFace,
    lastName: candidate.lastName,
    firstName: candidate.firstName,
    fatherName: candidate.fatherName,
    classId: '',
    gender: candidate.gender ?? '',
    selected: true,
    preview: null,
    result: null,
  }
}

/** What the operator still has to fill in before the school server can be asked. */
export function missingFields(row: EditableRow): MissingField[] {
  const missing: MissingField[] = []
  if (!row.lastName.trim()) missing.push('lastName')
  if (!row.firstName.trim()) missing.push('firstName')
  if (!row.classId) missing.push('classId')
  return missing
}

/** The row as the proxy takes it; `withStudentId` for a photo-only retry of a student already imported. */
export function requestRow(row: EditableRow, withStudentId = false): DeviceImportRow {
  const studentId = withStudentId ? row.result?.studentId : null
  return {
    employeeNo: row.employeeNo,
    lastName: row.lastName.trim(),
    firstName: row.firstName.trim(),
    classId: row.classId,
    ...(row.fatherName.trim() ? { fatherName: row.fatherName.trim() } : {}),
    ...(row.gender ? { gender: row.gender } : {}),
    ...(studentId ? { studentId } : {}),
  }
}

/** Done: the student is in the school database (with the photo, or the device had none). */
export function isDone(row: EditableRow): boolean {
  return row.result?.result === 'imported' || row.result?.result === 'no_photo'
}

export function isFailed(row: EditableRow): boolean {
  const result = row.result?.result
  return result === 'invalid' || result === 'failed' || result === 'photo_failed'
}

/** Splits rows into batches, so progress can be shown between them. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
