import { readWebhookBody, scanFields } from '../attendance'
import { fail, fastifyError, HttpError } from '../http-io'
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

  router.add('POST', '/webhook/:schoolId/:direction', async (req) => {
    const { schoolId = '', direction } = req.params
    const school = state.schools.get(schoolId)
    if (!school) throw fail(404, 'School not found')
    if (direction !== 'in' && direction !== 'out') throw fail(400, 'Invalid direction')
    const expected = direction === 'in' ? school.webhookSecretIn : school.webhookSecretOut
    const offered = req.query.get('secret') ?? (req.headers['x-webhook-secret'] as string | undefined)
    if (offered !== expected) throw fail(403, 'Invalid webhook secret')
    let body: Awaited<ReturnType<typeof readWebhookBody>>
    try {
      body = await readWebhookBody(req.rawBody, String(req.headers['content-type'] ?? ''))
    } catch (error) {
      throw new HttpError(400, { error: 'Parse failed', message: String(error) })
    }
    if (!body.event) throw fail(400, 'Missing AccessControllerEvent')
    const fields = scanFields(body.event)
    if (fields.subEventType !== 75 || !fields.employeeNo || !fields.deviceID || !fields.dateTime) {
      return { json: { ok: true, ignored: true } }
    }
    const employeeNo = fields.employeeNo
    const student = [...state.students.values()].find(
      (s) => s.schoolId === schoolId && s.deviceStudentId === employeeNo,
    )
    const scan = { deviceID: fields.deviceID, employeeNo, dateTime: fields.dateTime, direction } as const
    const outcome = state.attendanceBook.take(scan, student?.id ?? `employee:${employeeNo}`)
    if ('ignored' in outcome) return { json: outcome }
    state.attendance.push({
      schoolId,
      direction,
      employeeNo,
      studentId: student?.id ?? null,
      receivedAt: new Date().toISOString(),
      dateTime: fields.dateTime,
      deviceID: fields.deviceID,
      pictureBytes: body.picture,
    })
    return { json: { ok: true } }
  })
}
