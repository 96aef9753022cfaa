import type { StudentEdit } from '../../shared/api'
import { classError, nameErrors, type EnrollErrors } from '../components/enroll/enrollForm'
import { normalisePhone } from '../import/phone'

/** What the student sheet's edit form holds: the fields a secretary may change, as typed. */
export interface StudentEditValues {
  lastName: string
  firstName: string
  fatherName: string
  classId: string
  className: string
  parentPhone: string
}

/** Nothing known: every field filled in is sent (the person's current record is not at hand). */
export const UNKNOWN_STUDENT: StudentEditValues = {
  lastName: '',
  firstName: '',
  fatherName: '',
  classId: '',
  className: '',
  parentPhone: '',
}

export type StudentEditField = 'lastName' | 'firstName' | 'fatherName' | 'class' | 'parentPhone'
export type StudentEditErrors = Partial<Record<StudentEditField, NonNullable<EnrollErrors['lastName']>>>

/** The same rules as enrollment for the names and the class; a phone must be an Uzbek mobile number. */
export function validateStudentEdit(values: StudentEditValues, classesKnown: boolean): StudentEditErrors {
  const errors: StudentEditErrors = nameErrors(values)
  const classProblem = classError(values, classesKnown)
  if (classProblem) errors.class = classProblem
  if (values.parentPhone.trim() && !normalisePhone(values.parentPhone))
    errors.parentPhone = { key: 'studentSheet.errors.phone' }
  return errors
}

/** Only what changed, as the edit route takes it (an unchanged field is not sent, so it is not rewritten). */
export function studentEditChanges(before: StudentEditValues, after: StudentEditValues): StudentEdit {
  const changes: StudentEdit = {}
  for (const field of ['lastName', 'firstName', 'fatherName'] as const) {
    if (after[field].trim() !== before[field].trim()) changes[field] = after[field].trim()
  }
  if (after.classId !== before.classId && after.classId) changes.classId = after.classId
  const phone = normalisePhone(after.parentPhone) ?? ''
  if (phone !== (normalisePhone(before.parentPhone) ?? before.parentPhone.trim()) && phone)
    changes.parentPhone = phone
  return changes
}
