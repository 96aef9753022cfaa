import type { Context } from 'hono'
import * as routes from '../../../shared/api/routes/students'
import { StudentIdParams } from '../../../shared/api/students'
import { AppError } from '../../../shared/errors'
import { photoFromBase64 } from '../../images/base64'
import type { AppContext, AppEnv } from '../context'
import { handle, routeGroup } from '../declared-routes'
import { imageBodyLimit } from '../middleware/body-limit'
import { bodyKind } from '../media-type'

/**
 * The school's students (50 a page, with their state on every terminal as the proxy knows it), a student
 * saved to the school server without any terminal, the people on terminals the school lacks, and photos: served from
 * the proxy's disk cache with an ETag, and a new photo sent to the school server. A photo upload is JSON
 * (`{"photo": "<base64>"}`), multipart (a `photo` or `face` file part) or the image itself (`image/*`).
 */
export function studentRoutes(ctx: AppContext) {
  const { directory, photos } = ctx.services.students
  const { registrations } = ctx.services.domain
  return routeGroup(
    handle(routes.listStudents, (_c, input) => directory.list(input.query())),
    handle(routes.saveStudent, async (_c, input) => registrations.saveToSchool(await input.body()), {
      before: [imageBodyLimit],
    }),
    handle(routes.listUnlinkedPeople, () => ctx.services.unlinkedPeople()),
    handle(routes.readStudentPhoto, async (c) => {
      const photo = await photos.get(StudentIdParams.parse(c.req.param()).id)
      const headers = {
        etag: photo.etag,
        'cache-control': 'private, no-cache',
        ...(photo.stale ? { 'x-stale': '1' } : {}),
      }
      if (c.req.header('if-none-match') === photo.etag) return c.body(null, 304, headers)
      return c.body(new Uint8Array(photo.bytes), 200, { ...headers, 'content-type': photo.contentType })
    }),
    handle(
      routes.uploadStudentPhoto,
      async (c) => {
        const { id } = StudentIdParams.parse(c.req.param())
        const upload = await readPhoto(c)
        const employeeNo = upload.employeeNo ?? c.req.query('employeeNo')
        return photos.upload(id, upload.bytes, employeeNo || undefined)
      },
      { before: [imageBodyLimit] },
    ),
  )
}

interface PhotoUpload {
  bytes: Uint8Array
  /** the student's employee number when the screen knows it: saves walking the school's pages */
  employeeNo?: string
}

async function readPhoto(c: Context<AppEnv>): Promise<PhotoUpload> {
  const kind = bodyKind(c, ['json', 'multipart', 'image'])
  if (kind === 'multipart') return readMultipart(c)
  if (kind === 'image') return { bytes: new Uint8Array(await c.req.arrayBuffer()) }
  return readJsonPhoto(await c.req.text())
}

async function readMultipart(c: Context<AppEnv>): Promise<PhotoUpload> {
  let form: FormData
  try {
    form = await c.req.raw.formData()
  } catch {
    throw new AppError('validation_failed', 'The multipart body cannot be read', { field: 'body' })
  }
  const part = form.get('photo') ?? form.get('face')
  if (!(part instanceof Blob)) {
    throw new AppError('validation_failed', 'photo: a file part named "photo" is missing', { field: 'photo' })
  }
  const employeeNo = form.get('employeeNo')
  return {
    bytes: new Uint8Array(await part.arrayBuffer()),
    ...(typeof employeeNo === 'string' && employeeNo ? { employeeNo } : {}),
  }
}

function readJsonPhoto(text: string): PhotoUpload {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new AppError('validation_failed', 'The request body is not valid JSON', { field: 'body' })
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const photo = fields.photo ?? fields.face
  if (typeof photo !== 'string' || photo.trim() === '') {
    throw new AppError('validation_failed', 'photo: a base64 picture is required', { field: 'photo' })
  }
  const employeeNo = typeof fields.employeeNo === 'string' ? fields.employeeNo : undefined
  return { bytes: new Uint8Array(photoFromBase64(photo, 'photo')), ...(employeeNo ? { employeeNo } : {}) }
}
