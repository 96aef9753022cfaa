import { StudentListQuery, StudentListResponse } from '../backend'
import { UnlinkedPeople } from '../student-sheet'
import { StudentPhotoResult, StudentSave, StudentSaveResult } from '../students'
import type { RouteDeclaration } from './route'

export const listStudents = {
  method: 'GET',
  path: '/api/students',
  access: 'token',
  what: "the school's students from the school server, 50 a page, each with its state on every proxy terminal as the proxy last knew it (time and source; the server's record only where the proxy knows nothing)",
  status: 200,
  query: StudentListQuery,
  answer: StudentListResponse,
} as const satisfies RouteDeclaration

export const saveStudent = {
  method: 'POST',
  path: '/api/students',
  access: 'token',
  what: 'save a student to the school server without writing any terminal: a new employeeNo (its `deviceStudentId`), sent through the outbox; the same `clientId` answers the first result; a refusal comes back under `backend.refusal`',
  status: 201,
  body: StudentSave,
  answer: StudentSaveResult,
  audit: 'student.save',
} as const satisfies RouteDeclaration

export const listUnlinkedPeople = {
  method: 'GET',
  path: '/api/students/not-in-school',
  access: 'admin',
  what: 'the people on any terminal whom the school database lacks, merged across terminals (the device → school import takes them from here)',
  status: 200,
  answer: UnlinkedPeople,
} as const satisfies RouteDeclaration

export const readStudentPhoto = {
  method: 'GET',
  path: '/api/students/:id/photo',
  access: 'token',
  what: "the student's photo (cached on disk, with ETag)",
  status: 200,
  format: '`image/jpeg`',
} as const satisfies RouteDeclaration

export const uploadStudentPhoto = {
  method: 'POST',
  path: '/api/students/:id/photo',
  access: 'token',
  what: 'upload a photo for a student to the school server: multipart `photo` part, a raw image body, or JSON `{photo: base64}`; normalized first',
  status: 200,
  answer: StudentPhotoResult,
  audit: 'student.photo',
} as const satisfies RouteDeclaration

/** The students routes, in the order the API doc lists them. */
export const studentsGroup = [
  listStudents,
  saveStudent,
  listUnlinkedPeople,
  readStudentPhoto,
  uploadStudentPhoto,
] as const
