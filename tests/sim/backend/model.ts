import { fail } from './http-io'
import {
  newId,
  nowIso,
  type BackendState,
  type DeviceLink,
  type DeviceRecord,
  type Gender,
  type ProvisioningLog,
  type ProvisioningStatus,
  type StudentRecord,
} from './state'

/** The server's `normalizeGender`: English, Uzbek, letters and digits, any case. */
export function parseGender(value: unknown): Gender | null {
  const text = String(value ?? '')
    .trim()
    .toLowerCase()
  if (['male', 'erkak', 'm', '1'].includes(text)) return 'MALE'
  if (['female', 'ayol', 'f', '2'].includes(text)) return 'FEMALE'
  return null
}

export const PHOTO_PATH = '/uploads/student-faces/'

export function serializeStudent(state: BackendState, student: StudentRecord) {
  const klass = student.classId ? state.classes.get(student.classId) : undefined
  return { ...student, class: klass ? { id: klass.id, name: klass.name } : null }
}

export function serializeDevice(device: DeviceRecord) {
  return { ...device }
}

export function fullName(firstName: string, lastName: string): string {
  return `${lastName} ${firstName}`.trim()
}

/** `buildDuplicateStudentWhere`: same school and class, active, same name (either form, any case). */
export function findDuplicate(
  state: BackendState,
  schoolId: string,
  classId: string,
  firstName: string,
  lastName: string,
  exceptId: string | null,
): StudentRecord | undefined {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()
  const name = fullName(firstName, lastName)
  return [...state.students.values()].find(
    (s) =>
      s.id !== exceptId &&
      s.schoolId === schoolId &&
      s.classId === classId &&
      s.isActive &&
      (same(s.name, name) || (same(s.firstName, firstName) && same(s.lastName, lastName))),
  )
}

/** `saveStudentFaceImage`: the base64 (with or without a data: prefix) becomes the student's photo file. */
export function savePhoto(state: BackendState, studentId: string, base64: string): string {
  const bytes = Buffer.from(base64.replace(/^data:[^,]*,/, ''), 'base64')
  if (bytes.length === 0) throw fail(400, 'Invalid face image')
  state.photos.set(studentId, bytes)
  return `${PHOTO_PATH}${studentId}.jpg`
}

/** `computeProvisioningStatus`: what the links add up to. */
export function provisioningStatus(links: DeviceLink[]): ProvisioningStatus {
  if (links.length === 0) return 'PENDING'
  const pending = links.filter((l) => l.status === 'PENDING').length
  const failed = links.filter((l) => l.status === 'FAILED').length
  if (pending === links.length) return 'PENDING'
  if (pending > 0) return 'PROCESSING'
  if (failed === 0) return 'CONFIRMED'
  if (failed === links.length) return 'FAILED'
  return 'PARTIAL'
}

export function addLog(
  state: BackendState,
  entry: Pick<ProvisioningLog, 'schoolId' | 'level' | 'eventType'> & Partial<ProvisioningLog>,
): void {
  state.logs.push({
    id: newId(),
    createdAt: nowIso(),
    stage: null,
    status: null,
    message: null,
    payload: null,
    provisioningId: null,
    studentId: null,
    deviceId: null,
    actorId: null,
    actorName: null,
    actorRole: null,
    ...entry,
  })
}

export function pageNumber(query: URLSearchParams): number {
  const page = Number.parseInt(query.get('page') ?? '1', 10)
  return Number.isFinite(page) && page >= 1 ? page : 1
}

/** Students of a school as the list routes filter them: active, by class, by a piece of the name. */
export function filterStudents(
  state: BackendState,
  schoolId: string,
  query: URLSearchParams,
): StudentRecord[] {
  const search = (query.get('search') ?? '').trim().toLowerCase()
  const classId = query.get('classId') ?? ''
  return [...state.students.values()]
    .filter((s) => s.schoolId === schoolId && s.isActive)
    .filter((s) => !classId || s.classId === classId)
    .filter((s) => !search || s.name.toLowerCase().includes(search) || s.deviceStudentId?.includes(search))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
}

export const PAGE_SIZE = 50
