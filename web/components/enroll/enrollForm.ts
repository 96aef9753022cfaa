import type { FaceCheckRecord } from '../../../shared/api'
import type { DraftStudent, NewDraft, PhotoBytes } from '../../db/types'

/** What the person fills in on the Enroll page. */
export interface EnrollFormValues {
  firstName: string
  lastName: string
  fatherName: string
  gender: '' | 'male' | 'female'
  /** the picked class (from the class list) … */
  classId: string
  /** … or the class typed by hand, and always the class as shown */
  className: string
  deviceIds: string[]
  photo: PhotoBytes | null
  /** how the photo got past the face check; set with the photo */
  faceCheck?: FaceCheckRecord
  /** carried over from the Students page: the student already known to the school server */
  employeeNo?: string
  backendStudentId?: string
}

export type EnrollField = 'photo' | 'lastName' | 'firstName' | 'fatherName' | 'gender' | 'class' | 'devices'

/** An i18n key (and its values) per field that is not right. */
export type EnrollErrors = Partial<Record<EnrollField, { key: string; values?: Record<string, unknown> }>>

export const NAME_MAX = 64
/** Letters of any script, spaces, the apostrophes Uzbek uses (ʻ ʼ ' ’ ‘ `), hyphens and dots. */
const NAME_PATTERN = /^[\p{L}\p{M}\s'ʻʼ’‘`.-]+$/u

export function emptyForm(deviceIds: string[] = []): EnrollFormValues {
  return {
    firstName: '',
    lastName: '',
    fatherName: '',
    gender: '',
    classId: '',
    className: '',
    deviceIds: [...deviceIds],
    photo: null,
  }
}

export function nameError(value: string, required: boolean): EnrollErrors[EnrollField] {
  const trimmed = value.trim()
  if (trimmed === '') return required ? { key: 'enroll.errors.required' } : undefined
  if (trimmed.length > NAME_MAX) return { key: 'enroll.errors.tooLong', values: { max: NAME_MAX } }
  if (!NAME_PATTERN.test(trimmed)) return { key: 'enroll.errors.letters' }
  return undefined
}

/** The names and the class, as the Enroll form and the student sheet's edit form both hold them. */
export type NamesAndClass = Pick<
  EnrollFormValues,
  'lastName' | 'firstName' | 'fatherName' | 'classId' | 'className'
>

/** The problems with the names, in the order they appear: the last and first names are required. */
export function nameErrors(
  values: NamesAndClass,
): Pick<EnrollErrors, 'lastName' | 'firstName' | 'fatherName'> {
  const errors: EnrollErrors = {}
  const names = [
    ['lastName', nameError(values.lastName, true)],
    ['firstName', nameError(values.firstName, true)],
    ['fatherName', nameError(values.fatherName, false)],
  ] as const
  for (const [field, error] of names) if (error) errors[field] = error
  return errors
}

/**
 * A class is required; with the school's class list known, it must be one of it (a typed name that
 * matches none is refused).
 */
export function classError(values: NamesAndClass, classesKnown: boolean): EnrollErrors['class'] {
  if (values.classId !== '') return undefined
  if (values.className.trim() === '') return { key: 'enroll.errors.class' }
  return classesKnown ? { key: 'enroll.errors.classUnknown' } : undefined
}

/** Every problem at once, in the order the fields appear, so the first one can take the focus. */
export function validateEnrollForm(values: EnrollFormValues, classesKnown = false): EnrollErrors {
  const errors: EnrollErrors = {}
  if (!values.photo) errors.photo = { key: 'enroll.errors.photo' }
  Object.assign(errors, nameErrors(values))
  if (values.gender === '') errors.gender = { key: 'enroll.errors.gender' }
  const classProblem = classError(values, classesKnown)
  if (classProblem) errors.class = classProblem
  if (values.deviceIds.length === 0) errors.devices = { key: 'enroll.errors.devices' }
  return errors
}

/** A saved draft's names and class as a form starts from them. */
export function namesAndClassFromDraft(student: DraftStudent): NamesAndClass {
  return {
    lastName: student.lastName,
    firstName: student.firstName,
    fatherName: student.fatherName ?? '',
    classId: student.classId ?? '',
    className: student.className ?? '',
  }
}

/** The draft the form describes; call only once validateEnrollForm() found nothing. */
export function draftFromForm(values: EnrollFormValues): NewDraft {
  if (!values.photo) throw new Error('draftFromForm: no photo')
  const student: DraftStudent = { firstName: values.firstName.trim(), lastName: values.lastName.trim() }
  const fatherName = values.fatherName.trim()
  if (fatherName) student.fatherName = fatherName
  if (values.gender) student.gender = values.gender
  if (values.classId) student.classId = values.classId
  if (values.className.trim()) student.className = values.className.trim()
  if (values.employeeNo) student.employeeNo = values.employeeNo
  if (values.backendStudentId) student.backendStudentId = values.backendStudentId
  return {
    student,
    deviceIds: [...values.deviceIds],
    photo: values.photo,
    // a plain copy: the form is reactive, and IndexedDB cannot store a Proxy
    ...(values.faceCheck ? { faceCheck: { ...values.faceCheck } } : {}),
  }
}

/** The form filled from a saved draft (editing it from the Queue page). */
export function formFromDraft(
  student: DraftStudent,
  deviceIds: string[],
  photo: PhotoBytes | null,
): EnrollFormValues {
  return {
    ...namesAndClassFromDraft(student),
    gender: student.gender ?? '',
    deviceIds: [...deviceIds],
    photo,
    ...(student.employeeNo ? { employeeNo: student.employeeNo } : {}),
    ...(student.backendStudentId ? { backendStudentId: student.backendStudentId } : {}),
  }
}

/** The form prefilled from the Students page: `?studentId=&firstName=&lastName=&fatherName=&classId=&className=&employeeNo=` */
export function formFromQuery(query: Record<string, unknown>, deviceIds: string[]): EnrollFormValues | null {
  const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : '')
  if (!text('studentId') && !text('lastName') && !text('firstName')) return null
  const form = emptyForm(deviceIds)
  form.firstName = text('firstName')
  form.lastName = text('lastName')
  form.fatherName = text('fatherName')
  form.classId = text('classId')
  form.className = text('className')
  if (text('employeeNo')) form.employeeNo = text('employeeNo')
  if (text('studentId')) form.backendStudentId = text('studentId')
  return form
}
