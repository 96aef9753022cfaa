import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { detailsOf, failure, useBackend } from './client-fixture'

const sim = useBackend({ seed: { classes: 2, students: 3, withPhotos: true, devices: 2 } })

function firstOf<T>(map: Map<string, T>): T {
  const [value] = map.values()
  if (!value) throw new Error('the simulator has no such record')
  return value
}

async function provisioned(clientId = 'reg-1', deviceStudentId = '4820193746') {
  const client = sim.client()
  const klass = firstOf(sim.backend.state.classes)
  const device = firstOf(sim.backend.state.devices)
  const answer = await client.provision({
    student: {
      firstName: 'Javohir',
      lastName: 'Qodirov',
      gender: 'male',
      classId: klass.id,
      deviceStudentId,
    },
    requestId: clientId,
    targetAllActive: false,
    targetDeviceIds: [device.id],
  })
  return { client, klass, device, answer }
}

describe('backend client: classes, devices, webhooks', () => {
  it('lists and creates classes', async () => {
    const client = sim.client()
    const created = await client.createClass({ name: '5-B', gradeLevel: 5 })
    expect(created).toMatchObject({ name: '5-B', gradeLevel: 5 })
    const classes = await client.listClasses()
    expect(classes.map((c) => c.name)).toContain('5-B')
    expect(classes.find((c) => c.name === '1-A')?.totalStudents).toBeGreaterThan(0)
  })

  it('creates, updates, lists and deletes devices', async () => {
    const client = sim.client()
    const device = await client.createDevice({
      name: 'Sport zal',
      deviceId: 'DS-K1T341AM9999',
      type: 'ENTRANCE',
    })
    expect(device).toMatchObject({
      deviceId: 'DS-K1T341AM9999',
      type: 'ENTRANCE',
      isActive: true,
      location: null,
    })
    const renamed = await client.updateDevice(device.id, { name: 'Sport zali', location: '2-qavat' })
    expect(renamed).toMatchObject({ name: 'Sport zali', location: '2-qavat' })
    expect((await client.listDevices()).map((d) => d.id)).toContain(device.id)
    await client.deleteDevice(device.id)
    expect((await client.listDevices()).map((d) => d.id)).not.toContain(device.id)
    const refused = await failure(client.createDevice({ name: 'x', deviceId: 'y', type: 'SIDE' as 'EXIT' }))
    expect(refused.code).toBe('backend_rejected')
    expect(refused.message).toBe('body/type must be equal to one of the allowed values')
  })

  it('gives the webhook URLs absolute, on the backend’s base URL', async () => {
    const info = await sim.client({ baseUrl: `${sim.backend.url}/` }).webhookInfo()
    const school = firstOf(sim.backend.state.schools)
    expect(info.inUrl).toBe(`${sim.backend.url}/webhook/${school.id}/in`)
    expect(info.outUrlWithSecret).toBe(
      `${sim.backend.url}/webhook/${school.id}/out?secret=${school.webhookSecretOut}`,
    )
    expect(info.secretHeaderName).toBe('x-webhook-secret')
  })
})

describe('backend client: provisioning', () => {
  it('provisions a student and answers a repeated requestId with the first provisioning', async () => {
    const { client, klass, device, answer } = await provisioned()
    expect(answer).toMatchObject({ deviceStudentId: '4820193746', targetDevices: [{ id: device.id }] })
    const again = await client.provision({
      student: {
        firstName: 'Boshqa',
        lastName: 'Ism',
        gender: 'female',
        classId: klass.id,
        deviceStudentId: '1',
      },
      requestId: 'reg-1',
      targetAllActive: false,
      targetDeviceIds: [device.id],
    })
    expect(again.provisioningId).toBe(answer.provisioningId)
    expect(again.studentId).toBe(answer.studentId)
    const sent = sim.backend.calls.filter((c) => c.path.endsWith('/students/provision'))
    expect(sent.map((c) => c.headers['idempotency-key'])).toEqual(['reg-1', 'reg-1'])
  })

  it('passes the server’s 400 and 409 messages through as they are', async () => {
    const { client, klass, device } = await provisioned()
    const body = {
      student: {
        firstName: 'Javohir',
        lastName: 'Qodirov',
        gender: 'male' as const,
        classId: klass.id,
        deviceStudentId: '7000000001',
      },
      requestId: 'reg-2',
      targetAllActive: false as const,
      targetDeviceIds: [device.id],
    }
    const duplicate = await failure(client.provision(body))
    expect(duplicate.code).toBe('backend_rejected')
    expect(duplicate.message).toBe('Duplicate student in class')
    expect(detailsOf(duplicate)).toMatchObject({ status: 409, retryable: false })
    const badGender = await failure(
      client.provision({ ...body, requestId: 'reg-3', student: { ...body.student, gender: 'x' as 'male' } }),
    )
    expect(badGender.message).toBe("Gender noto'g'ri yoki bo'sh")
    expect(detailsOf(badGender).status).toBe(400)
  })

  it('reports device results, reads the provisioning and its logs, and retries failed devices', async () => {
    const { client, device, answer } = await provisioned()
    const result = await client.deviceResult(answer.provisioningId, {
      deviceId: device.id,
      deviceExternalId: device.deviceId,
      deviceName: device.name,
      deviceType: device.type,
      deviceLocation: device.location,
      status: 'FAILED',
      employeeNoOnDevice: '4820193746',
      error: 'Qurilma javob bermadi',
    })
    expect(result).toEqual({ ok: true, provisioningStatus: 'FAILED', deviceStatus: 'FAILED' })
    const provisioning = await client.getProvisioning(answer.provisioningId)
    expect(provisioning).toMatchObject({
      id: answer.provisioningId,
      status: 'FAILED',
      requestId: 'reg-1',
      devices: [
        { deviceId: device.id, status: 'FAILED', attemptCount: 1, lastError: 'Qurilma javob bermadi' },
      ],
    })
    expect(provisioning.devices[0]?.device).toMatchObject({ id: device.id, deviceId: device.deviceId })
    const retry = await client.retryProvisioning(answer.provisioningId, [device.id])
    expect(retry).toEqual({ ok: true, updated: 1, targetDeviceIds: [device.id] })
    const logs = await client.provisioningLogs(answer.provisioningId)
    expect(logs.map((l) => l.eventType)).toEqual([
      'PROVISIONING_RETRY',
      'DEVICE_RESULT',
      'PROVISIONING_START',
    ])
    const page = await client.schoolProvisioningLogs({ level: 'ERROR', limit: 500 })
    expect(page).toMatchObject({ total: 1, page: 1, limit: 200 })
    expect(page.data[0]?.message).toBe('Qurilma javob bermadi')
  })
})

describe('backend client: students', () => {
  it('lists students with absolute photo URLs and fetches a photo without a token', async () => {
    const client = sim.client()
    const page = await client.listStudents()
    expect(page).toMatchObject({ total: 3, page: 1, pages: 1 })
    const photoUrl = page.data[0]?.photoUrl as string
    expect(photoUrl.startsWith(`${sim.backend.url}/uploads/student-faces/`)).toBe(true)
    const photo = await client.fetchPhoto(photoUrl)
    expect(photo.contentType).toBe('image/jpeg')
    expect((await sharp(photo.bytes).metadata()).format).toBe('jpeg')
    expect(sim.backend.calls.at(-1)?.headers.authorization).toBeUndefined()
    const missing = await failure(client.fetchPhoto('/uploads/student-faces/nobody.jpg'))
    expect(missing.code).toBe('backend_rejected')
    expect(detailsOf(missing).status).toBe(404)
  })

  it('reads the per-device diagnostics', async () => {
    const { client, device, answer } = await provisioned()
    const diagnostics = await client.deviceDiagnostics({ search: 'Javohir' })
    expect(diagnostics.total).toBe(1)
    expect(diagnostics.devices).toHaveLength(2)
    const row = diagnostics.data[0]
    expect(row).toMatchObject({ studentId: answer.studentId, deviceStudentId: '4820193746', photoUrl: null })
    expect(row?.devices.find((d) => d.deviceId === device.id)?.status).toBe('PENDING')
    expect(row?.devices.find((d) => d.deviceId !== device.id)?.status).toBe('MISSING')
  })

  it('finds a student by deviceStudentId and says when an id is free', async () => {
    const client = sim.client()
    const seeded = firstOf(sim.backend.state.students)
    const found = await client.studentByDeviceStudentId(seeded.deviceStudentId as string)
    expect(found).toMatchObject({ id: seeded.id, class: { id: seeded.classId } })
    expect(await client.isDeviceStudentIdFree(seeded.deviceStudentId as string)).toBe(false)
    expect(await client.isDeviceStudentIdFree('9999999999')).toBe(true)
  })

  it('updates a student and replaces the photo, keeping the other fields', async () => {
    const client = sim.client()
    const seeded = firstOf(sim.backend.state.students)
    const before = (await client.studentByDeviceStudentId(seeded.deviceStudentId as string))!
    const face = await sharp({ create: { width: 100, height: 120, channels: 3, background: '#a0522d' } })
      .jpeg()
      .toBuffer()
    const after = await client.replaceStudentPhoto(before, face)
    expect(after).toMatchObject({
      id: seeded.id,
      firstName: before.firstName,
      parentPhone: before.parentPhone,
    })
    expect(Buffer.compare(sim.backend.state.photos.get(seeded.id) as Buffer, face)).toBe(0)
    const renamed = await client.updateStudent(seeded.id, {
      firstName: 'Yangi',
      lastName: before.lastName as string,
      classId: before.classId as string,
    })
    expect(renamed.name).toBe(`${before.lastName} Yangi`)
    const noClass = await failure(
      client.updateStudent(seeded.id, { firstName: 'a', lastName: 'b', classId: '' }),
    )
    expect(noClass.message).toBe('Sinf tanlanishi shart')
  })
})

describe('backend client: device import', () => {
  it('previews, commits once per idempotency key, and reads and retries the job', async () => {
    const client = sim.client()
    const klass = firstOf(sim.backend.state.classes)
    const seeded = firstOf(sim.backend.state.students)
    const rows = [
      {
        employeeNo: '3000000001',
        firstName: 'Laylo',
        lastName: 'Saidova',
        classId: klass.id,
        gender: 'female' as const,
      },
      {
        employeeNo: seeded.deviceStudentId as string,
        firstName: 'Aziz',
        lastName: 'Karimov',
        classId: klass.id,
      },
      { employeeNo: 'abc', firstName: '', lastName: 'X', classId: 'nope' },
    ]
    const preview = await client.importPreview(rows)
    expect(preview).toMatchObject({
      total: 3,
      createCount: 1,
      updateCount: 1,
      invalidCount: 1,
      classErrorCount: 1,
    })
    expect(preview.rows[1]).toMatchObject({ action: 'UPDATE', existingStudentId: seeded.id })

    const refused = await failure(client.importCommit({ rows, idempotencyKey: 'imp-0', syncMode: 'none' }))
    expect(refused.message).toMatch(/^abc: /)

    const valid = rows.slice(0, 2)
    const commit = await client.importCommit({ rows: valid, idempotencyKey: 'imp-1', syncMode: 'none' })
    expect(commit).toMatchObject({ ok: true, idempotent: false, createdCount: 1, updatedCount: 1 })
    const again = await client.importCommit({ rows: valid, idempotencyKey: 'imp-1', syncMode: 'none' })
    expect(again).toMatchObject({ idempotent: true, jobId: commit.jobId })
    expect(sim.backend.calls.at(-1)?.headers['idempotency-key']).toBe('imp-1')

    expect(await client.getImportJob(commit.jobId)).toMatchObject({ totalRows: 2, success: 2, retryCount: 0 })
    expect((await client.retryImportJob(commit.jobId)).retryCount).toBe(1)
    expect((await failure(client.getImportJob('nope'))).message).toBe('Import job not found')
  })
})
