import { fail, fastifyError } from '../http-io'
import type { SimContext } from '../context'
import type { Router } from '../router'
import { PHOTO_PATH } from '../model'

/** Routes without a login: the photo files and the devices' attendance webhook. */
export function publicRoutes(router: Router, { state }: SimContext): void {
  router.add('GET', `${PHOTO_PATH}:file`, (req) => {
    const studentId = (req.params.file ?? '').replace(/\.jpg$/, '')
    const photo = state.photos.get(studentId)
    if (!photo) throw fastifyError(404, 'FST_ERR_NOT_FOUND', `Route GET:${req.path} not found`)
    return { bytes: photo, contentType: 'image/jpeg' }
  })

  router.add('POST', '/webhook/:schoolId/:direction', (req) => {
    const { schoolId = '', direction } = req.params
    const school = state.schools.get(schoolId)
    if (!school) throw fail(404, 'School not found')
    if (direction !== 'in' && direction !== 'out') throw fail(400, 'Invalid direction')
    const expected = direction === 'in' ? school.webhookSecretIn : school.webhookSecretOut
    const offered = req.query.get('secret') ?? (req.headers['x-webhook-secret'] as string | undefined)
    if (offered !== expected) throw fail(401, 'Invalid webhook secret')
    // Terminals post JSON or multipart with the event JSON in one part: the employee number is in either.
    const employeeNo = /"employeeNoString"\s*:\s*"(\d+)"/.exec(req.rawBody.toString('utf8'))?.[1] ?? null
    const student = employeeNo
      ? [...state.students.values()].find((s) => s.schoolId === schoolId && s.deviceStudentId === employeeNo)
      : undefined
    state.attendance.push({
      schoolId,
      direction,
      employeeNo,
      studentId: student?.id ?? null,
      receivedAt: new Date().toISOString(),
    })
    return { json: { ok: true } }
  })
}
