import type { BackendStudent } from '../../../shared/api/backend'
import { NO_PHOTO } from '../../../shared/api/jobs'
import { AppError } from '../../../shared/errors'
import type { Photo } from '../../backend/client'
import { normalizeFace } from '../../images/normalize'
import { fullName } from '../registration/person'
import type { CloneItem, CloneSource } from './clone-item'

/** What a database clone needs of the backend client. */
export interface CloneBackend {
  listStudents(
    query: { page?: number },
    opts?: { signal?: AbortSignal },
  ): Promise<{ data: BackendStudent[]; total: number; pages: number }>
  fetchPhoto(photoUrl: string, opts?: { signal?: AbortSignal }): Promise<Photo>
}

/**
 * The school's students from the backend, a page (50) at a time. Each one's photo is downloaded from its
 * `photoUrl` and normalized like a photo taken at the entrance; the student's `deviceStudentId` is the
 * employeeNo it gets on the device, the same number the backend links its attendance to.
 */
export function databaseSource(backend: CloneBackend): CloneSource {
  return {
    async *pages(signal) {
      for (let page = 1, pages = 1; page <= pages; page += 1) {
        const answer = await backend.listStudents({ page }, { signal })
        if (answer.data.length === 0) return
        pages = answer.pages
        yield { items: answer.data.map((student) => itemOf(backend, student)), total: answer.total }
      }
    },
  }
}

function itemOf(backend: CloneBackend, student: BackendStudent): CloneItem {
  const name = nameOf(student)
  const gender = student.gender === 'FEMALE' ? 'female' : student.gender === 'MALE' ? 'male' : undefined
  const photoUrl = student.photoUrl
  const item: CloneItem = {
    key: student.id,
    studentId: student.id,
    name,
    ...(student.deviceStudentId ? { employeeNo: student.deviceStudentId } : {}),
    ...(gender ? { gender } : {}),
    async face(signal) {
      if (!photoUrl) throw noPhoto()
      const photo = await backend.fetchPhoto(photoUrl, { signal })
      return (await normalizeFace(photo.bytes)).jpeg
    },
  }
  const who = { studentId: student.id, name }
  if (!photoUrl) item.refusal = { ...who, code: NO_PHOTO, message: noPhoto().message }
  else if (!student.deviceStudentId) {
    item.refusal = {
      ...who,
      code: 'validation_failed',
      message: 'This student has no device number (deviceStudentId) on the school server',
    }
  }
  return item
}

function nameOf(student: BackendStudent): string {
  if (!student.firstName && !student.lastName) return student.name.trim()
  return fullName({
    firstName: student.firstName ?? '',
    lastName: student.lastName ?? '',
    ...(student.fatherName ? { fatherName: student.fatherName } : {}),
  })
}

function noPhoto(): AppError {
  return new AppError('image_invalid', 'This student has no photo on the school server')
}
