import {
  StudentListResponse,
  StudentPhotoResult,
  StudentSaveResult,
  UnlinkedPeople,
  type StudentSave,
} from '../../shared/api'
import type { ApiClient } from './client'
import { segment, type Query } from './query'

/** A face upload and, for a student on terminals, a write to each of them. */
const PHOTO_TIMEOUT_MS = 60_000

/** `GET /api/students`: one page of the school server's students (by class, by a search). */
export function listStudents(
  api: ApiClient,
  query: Query & { page: number },
  signal?: AbortSignal,
): Promise<StudentListResponse> {
  return api.request('GET', '/api/students', {
    schema: StudentListResponse,
    query,
    ...(signal ? { signal } : {}),
  })
}

/** `POST /api/students`: a student saved to the school server only (no terminal). */
export function saveStudent(api: ApiClient, body: StudentSave): Promise<StudentSaveResult> {
  return api.request('POST', '/api/students', { schema: StudentSaveResult, body, timeoutMs: 60_000 })
}

/** `POST /api/students/:id/photo`: the student's photo on the school server (and on the terminals holding them). */
export function uploadStudentPhoto(
  api: ApiClient,
  studentId: string,
  body: { photo: string; employeeNo?: string },
): Promise<StudentPhotoResult> {
  return api.request('POST', `/api/students/${segment(studentId)}/photo`, {
    schema: StudentPhotoResult,
    body,
    timeoutMs: PHOTO_TIMEOUT_MS,
  })
}

/** `GET /api/students/not-in-school`: people on the terminals the school server does not know; asks every terminal. */
export function peopleNotInSchool(api: ApiClient): Promise<UnlinkedPeople> {
  return api.request('GET', '/api/students/not-in-school', { schema: UnlinkedPeople, timeoutMs: 120_000 })
}
