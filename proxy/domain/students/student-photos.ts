import type { BackendStudent } from '../../../shared/api/backend'
import type { StudentPhotoResult } from '../../../shared/api/students'
import { AppError } from '../../../shared/errors'
import { backendUnavailable } from '../../backend/backend-errors'
import { normalizeFace } from '../../images/normalize'
import type { Logger } from '../../log'
import type { CachedPhoto, PhotoCache } from '../../store/photo-cache'
import { isUnavailable, type BackendAccess } from './backend-access'
import { photoPathOf, type StudentDirectory } from './student-directory'

export interface ServedPhoto {
  bytes: Buffer
  contentType: string
  etag: string
  /** the school server could not be asked; this is the copy from the last time it could */
  stale: boolean
}

export interface StudentPhotosOptions {
  backend: BackendAccess
  directory: StudentDirectory
  cache: PhotoCache
  logger: Logger
  /** a cached photo younger than this is served without asking the school server */
  freshForMs?: number
  now?: () => number
}

const DEFAULT_FRESH_MS = 10 * 60_000

/**
 * Students' photos through the proxy: fetched from the school server (photos there need no token, and none
 * is sent), kept on disk, and served from disk while fresh or while the server is away. Uploads are
 * normalized like enrollment faces and sent with `PUT /students/:id`; the new photo goes straight into the
 * cache, since the server keeps the same URL for a replaced photo.
 */
export class StudentPhotos {
  private readonly freshForMs: number
  private readonly now: () => number

  constructor(private readonly options: StudentPhotosOptions) {
    this.freshForMs = options.freshForMs ?? DEFAULT_FRESH_MS
    this.now = options.now ?? Date.now
  }

  async get(studentId: string): Promise<ServedPhoto> {
    const { cache, directory, backend } = this.options
    const cached = cache.read(studentId)
    if (cached && this.isFresh(cached)) return served(cached, false)
    const listed = directory.photoUrlOf(studentId)
    if (listed === null) {
      cache.remove(studentId)
      throw noPhoto(studentId)
    }
    const sourceUrl = listed ?? cached?.sourceUrl
    if (!sourceUrl) {
      if (cached) return served(cached, false)
      if (!backend.configured) backend.require()
      throw noPhoto(studentId)
    }
    try {
      return served(await this.refresh(studentId, sourceUrl, cached), false)
    } catch (error) {
      if (cached && isUnavailable(error)) return served(cached, true)
      throw error
    }
  }

  async upload(studentId: string, input: Uint8Array, employeeNoHint?: string): Promise<StudentPhotoResult> {
    const { backend, directory, cache, logger } = this.options
    const client = backend.require()
    const face = await normalizeFace(input)
    const student = await directory.find(studentId, employeeNoHint)
    const updated = await client.replaceStudentPhoto(student, face.jpeg)
    directory.remember(updated)
    cache.write(studentId, face.jpeg, { sourceUrl: updated.photoUrl, contentType: 'image/jpeg' })
    logger.info({ studentId, bytes: face.bytes }, 'student photo sent to the school server')
    return { student: summary(updated) }
  }

  private isFresh(entry: CachedPhoto): boolean {
    return this.now() - Date.parse(entry.fetchedAt) < this.freshForMs
  }

  private async refresh(studentId: string, sourceUrl: string, cached: CachedPhoto | null) {
    const { backend, cache } = this.options
    const photo = await backend.require().fetchPhoto(sourceUrl)
    // A Wi-Fi login page or a proxy's error page answers 200 too: that is "not reachable", not a photo.
    if (!photo.contentType.startsWith('image/')) {
      throw backendUnavailable('The school server sent something that is not a picture', {
        reason: 'bad_response',
      })
    }
    if (cached && cached.bytes.equals(photo.bytes)) return cache.touch(studentId, cached)
    return cache.write(studentId, photo.bytes, { sourceUrl, contentType: photo.contentType })
  }
}

function served(entry: CachedPhoto, stale: boolean): ServedPhoto {
  return { bytes: entry.bytes, contentType: entry.contentType, etag: entry.etag, stale }
}

function noPhoto(studentId: string): AppError {
  return new AppError('not_found', `No photo is known for student ${studentId}`, {
    details: { reason: 'no_photo' },
  })
}

function summary(student: BackendStudent): StudentPhotoResult['student'] {
  return {
    id: student.id,
    employeeNo: student.deviceStudentId,
    name: student.name || `${student.lastName ?? ''} ${student.firstName ?? ''}`.trim(),
    firstName: student.firstName,
    lastName: student.lastName,
    fatherName: student.fatherName,
    classId: student.classId,
    className: student.class?.name ?? null,
    photoUrl: student.photoUrl,
    photoPath: student.photoUrl ? photoPathOf(student.id) : null,
    hasPhoto: student.photoUrl !== null,
  }
}
