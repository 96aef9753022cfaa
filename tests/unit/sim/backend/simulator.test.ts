import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { startBackend, type SimBackend } from '../../../sim/backend'

let backend: SimBackend

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${backend.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, headers: res.headers, json: json as Record<string, unknown> }
}

async function login(role: 'admin' | 'teacher' | 'guard' = 'admin'): Promise<string> {
  const { email, password } = backend.credentials[role]
  const answer = await call('POST', '/auth/login', { email, password })
  return answer.json.token as string
}

beforeEach(async () => {
  backend = await startBackend({ seed: { classes: 2, students: 0, devices: 2 } })
})

afterEach(async () => {
  await backend.close()
})

function provisionBody(overrides: Record<string, unknown> = {}, student: Record<string, unknown> = {}) {
  const [klass] = [...backend.state.classes.values()]
  const [device] = [...backend.state.devices.values()]
  return {
    student: {
      firstName: 'Aziz',
      lastName: 'Karimov',
      gender: 'male',
      classId: klass?.id,
      deviceStudentId: '4820193746',
      ...student,
    },
    requestId: 'req-1',
    targetAllActive: false,
    targetDeviceIds: [device?.id],
    ...overrides,
  }
}

describe('backend simulator: auth', () => {
  it('logs in with email and password and refuses a wrong password', async () => {
    const ok = await call('POST', '/auth/login', backend.credentials.admin)
    expect(ok.status).toBe(200)
    expect(ok.json.user).toMatchObject({
      email: 'admin@maktab.uz',
      role: 'SCHOOL_ADMIN',
      schoolId: 'school-1',
    })
    expect(ok.json.user).not.toHaveProperty('password')
    const bad = await call('POST', '/auth/login', { email: 'admin@maktab.uz', password: 'nope' })
    expect(bad).toMatchObject({ status: 401, json: { error: 'Invalid credentials' } })
  })

  it('answers 401 like fastify-jwt without a token, and after the tokens expire', async () => {
    const none = await call('GET', '/schools/school-1/classes')
    expect(none.status).toBe(401)
    expect(none.json.message).toBe('No Authorization was found in request.headers')
    const token = await login()
    expect((await call('GET', '/schools/school-1/classes', undefined, token)).status).toBe(200)
    backend.expireTokens()
    const expired = await call('GET', '/schools/school-1/classes', undefined, token)
    expect(expired).toMatchObject({ status: 401, json: { message: 'Authorization token expired' } })
  })

  it('lets the provisioning token open the provisioning routes only', async () => {
    const token = backend.credentials.provisioningToken
    expect((await call('POST', '/schools/school-1/students/provision', provisionBody(), token)).status).toBe(
      200,
    )
    expect((await call('GET', '/schools/school-1/students', undefined, token)).status).toBe(401)
  })

  it('keeps admin-only routes from teachers and everything from other schools', async () => {
    const teacher = await login('teacher')
    expect((await call('GET', '/schools/school-1/webhook-info', undefined, teacher)).status).toBe(403)
    expect((await call('GET', '/schools/school-2/classes', undefined, await login())).status).toBe(403)
  })
})

describe('backend simulator: provision', () => {
  it('creates the student, stores the photo under /uploads and serves it without auth', async () => {
    const token = await login()
    const face = await sharp({ create: { width: 120, height: 160, channels: 3, background: '#c68642' } })
      .jpeg()
      .toBuffer()
    const body = provisionBody({}, { faceImageBase64: face.toString('base64') })
    const answer = await call('POST', '/schools/school-1/students/provision', body, token)
    expect(answer.status).toBe(200)
    const { studentId, student } = answer.json as unknown as {
      studentId: string
      student: { photoUrl: string }
    }
    expect(student.photoUrl).toBe(`/uploads/student-faces/${studentId}.jpg`)
    expect(answer.json).toMatchObject({ deviceStudentId: '4820193746', provisioningStatus: 'PENDING' })
    const photo = await fetch(`${backend.url}${student.photoUrl}`)
    expect(photo.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.compare(Buffer.from(await photo.arrayBuffer()), face)).toBe(0)
  })

  it('answers a repeated requestId with the first provisioning', async () => {
    const token = await login()
    const first = await call('POST', '/schools/school-1/students/provision', provisionBody(), token)
    const again = await call(
      'POST',
      '/schools/school-1/students/provision',
      provisionBody({}, { firstName: 'Other' }),
      token,
    )
    expect(again.json.provisioningId).toBe(first.json.provisioningId)
    expect(backend.state.provisionings.size).toBe(1)
    expect(backend.state.students.size).toBe(1)
  })

  it('silently updates the student who already has the deviceStudentId', async () => {
    const token = await login()
    const first = await call('POST', '/schools/school-1/students/provision', provisionBody(), token)
    const second = await call(
      'POST',
      '/schools/school-1/students/provision',
      provisionBody({ requestId: 'req-2' }, { firstName: 'Malika', lastName: 'Yusupova', gender: 'ayol' }),
      token,
    )
    expect(second.json.studentId).toBe(first.json.studentId)
    expect(backend.state.students.get(first.json.studentId as string)).toMatchObject({
      name: 'Yusupova Malika',
      gender: 'FEMALE',
    })
  })

  it('refuses bad students with the server’s messages', async () => {
    const token = await login()
    const refused = async (student: Record<string, unknown>) =>
      call(
        'POST',
        '/schools/school-1/students/provision',
        provisionBody({ requestId: undefined }, student),
        token,
      )
    expect((await refused({ firstName: ' ' })).json).toEqual({ error: 'Ism va familiya majburiy' })
    expect((await refused({ gender: 'boy' })).json).toEqual({ error: "Gender noto'g'ri yoki bo'sh" })
    expect((await refused({ deviceStudentId: 'A12' })).json).toEqual({
      error: 'deviceStudentId must be numeric',
    })
    expect((await refused({ classId: '' })).json).toEqual({ error: 'Sinf tanlanishi shart' })
    expect((await refused({ classId: 'nope' })).json).toEqual({ error: 'Class not found' })
    for (const gender of ['male', 'FEMALE', 'erkak', 'Ayol', 'm', 'f', '1', '2', 1]) {
      expect((await refused({ gender, deviceStudentId: '5555555555' })).status).toBe(200)
    }
  })

  it('refuses the same name in the same class as a duplicate', async () => {
    const token = await login()
    await call('POST', '/schools/school-1/students/provision', provisionBody(), token)
    const duplicate = await call(
      'POST',
      '/schools/school-1/students/provision',
      provisionBody({ requestId: 'req-3' }, { deviceStudentId: '1111111111', firstName: 'aziz' }),
      token,
    )
    expect(duplicate).toMatchObject({ status: 409, json: { error: 'Duplicate student in class' } })
  })

  it('tracks device results into the provisioning status and the logs', async () => {
    const token = await login()
    const [entrance, exit] = [...backend.state.devices.values()]
    const body = provisionBody({ targetDeviceIds: [entrance?.id, exit?.id] })
    const { json } = await call('POST', '/schools/school-1/students/provision', body, token)
    const id = json.provisioningId as string
    const result = (deviceId: string | undefined, status: string, error: string | null = null) =>
      call(
        'POST',
        `/provisioning/${id}/device-result`,
        { deviceId, status, employeeNoOnDevice: '4820193746', error },
        token,
      )
    expect((await result(entrance?.id, 'SUCCESS')).json).toEqual({
      ok: true,
      provisioningStatus: 'PROCESSING',
      deviceStatus: 'SUCCESS',
    })
    expect((await result(exit?.id, 'FAILED', 'offline')).json.provisioningStatus).toBe('PARTIAL')
    expect((await result(exit?.id, 'MAYBE')).json).toEqual({ error: 'Invalid status' })
    expect((await result(undefined, 'SUCCESS')).json).toEqual({
      error: 'deviceId or deviceExternalId is required',
    })
    const retry = await call('POST', `/provisioning/${id}/retry`, { deviceIds: [] }, token)
    expect(retry.json).toEqual({ ok: true, updated: 1, targetDeviceIds: [exit?.id] })
    const logs = await call('GET', `/provisioning/${id}/logs`, undefined, token)
    expect((logs.json as unknown as Array<{ eventType: string }>).map((l) => l.eventType)).toEqual([
      'PROVISIONING_RETRY',
      'DEVICE_RESULT',
      'DEVICE_RESULT',
      'PROVISIONING_START',
    ])
  })
})

describe('backend simulator: modes', () => {
  it('refuses connections while down and comes back on the same port', async () => {
    await backend.setMode('down')
    await expect(fetch(`${backend.url}/auth/login`)).rejects.toThrow()
    await backend.setMode('up')
    expect((await call('POST', '/auth/login', backend.credentials.admin)).status).toBe(200)
  })

  it('answers 503 with a gateway page, 429 with Retry-After, and slowly when slow', async () => {
    await backend.setMode('503')
    const gateway = await call('GET', '/schools/school-1/classes')
    expect(gateway.status).toBe(503)
    expect(String(gateway.json)).toContain('nginx')
    await backend.setMode('429', { retryAfterSec: 7 })
    const limited = await call('GET', '/schools/school-1/classes')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    await backend.setMode('slow', { slowMs: 150 })
    const started = Date.now()
    expect((await call('POST', '/auth/login', backend.credentials.admin)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('records every call with its headers and body', async () => {
    await fetch(`${backend.url}/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-client-contract-version': 'sr-frontend-v1',
        'idempotency-key': 'k1',
      },
      body: JSON.stringify({ email: 'a@b.uz', password: 'x' }),
    })
    expect(backend.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/auth/login',
      body: { email: 'a@b.uz', password: 'x' },
      headers: { 'x-client-contract-version': 'sr-frontend-v1', 'idempotency-key': 'k1' },
    })
  })

  it('enforces a per-minute rate limit when asked', async () => {
    const limited = await startBackend({ rateLimitPerMinute: 2 })
    try {
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.url}/auth/me`)).status)
      expect(statuses).toEqual([401, 401, 429])
    } finally {
      await limited.close()
    }
  })
})

describe('backend simulator: seed and webhook', () => {
  it('seeds distinct face photos for the share asked', async () => {
    const { students } = await backend.seedSchool({ classes: 0, students: 10, withPhotos: 0.5 })
    const withPhotos = students.filter((s) => s.photoUrl)
    expect(withPhotos).toHaveLength(5)
    const photos = withPhotos.map((s) => backend.state.photos.get(s.id) as Buffer)
    expect(new Set(photos.map((p) => p.toString('base64'))).size).toBe(5)
    for (const photo of photos) {
      expect(photo.length).toBeGreaterThan(1024)
      expect((await sharp(photo).metadata()).format).toBe('jpeg')
    }
    expect(new Set(students.map((s) => s.deviceStudentId)).size).toBe(10)
    expect(students.every((s) => /^[1-9]\d{9}$/.test(s.deviceStudentId ?? ''))).toBe(true)
  })

  it('takes attendance events with the secret and finds the student by employeeNo', async () => {
    const [student] = (await backend.seedSchool({ classes: 0, students: 1, withPhotos: false })).students
    const info = await call('GET', '/schools/school-1/webhook-info', undefined, await login())
    const event = JSON.stringify({ AccessControllerEvent: { employeeNoString: student?.deviceStudentId } })
    const post = (path: string) =>
      fetch(`${backend.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: event,
      })
    expect((await post(info.json.inUrl as string)).status).toBe(401)
    expect((await post(info.json.inUrlWithSecret as string)).status).toBe(200)
    expect(backend.state.attendance).toMatchObject([{ direction: 'in', studentId: student?.id }])
  })
})

describe('backend simulator: deleting a student', () => {
  it('keeps the student, inactive and out of the lists, for admins only', async () => {
    const admin = await login()
    const school = await backend.seedSchool({ classes: 0, students: 2 })
    const [gone, kept] = school.students as [{ id: string }, { id: string }]
    expect((await call('DELETE', `/students/${gone.id}`, undefined, await login('teacher'))).status).toBe(403)
    const deleted = await call('DELETE', `/students/${gone.id}`, undefined, admin)
    expect(deleted).toMatchObject({ status: 200, json: { id: gone.id, isActive: false } })
    const list = await call('GET', `/schools/${backend.schoolId}/students`, undefined, admin)
    expect((list.json.data as Array<{ id: string }>).map((s) => s.id)).toEqual([kept.id])
    expect((await call('DELETE', '/students/nope', undefined, admin)).status).toBe(404)
  })
})
