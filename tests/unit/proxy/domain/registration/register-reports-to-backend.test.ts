import { afterEach, describe, expect, it } from 'vitest'
import { createBackendClient } from '../../../../../proxy/backend/client'
import { startBackend, type SimBackend } from '../../../../sim/backend'
import type { SeedResult } from '../../../../sim/backend'
import { failure, request, sagaRig, type SagaRig } from './saga-rig'

let rig: SagaRig | undefined
let backend: SimBackend | undefined
afterEach(async () => {
  await rig?.close()
  await backend?.close()
  rig = backend = undefined
})

async function online(options: { seed?: number } = {}): Promise<{ rig: SagaRig; school: SeedResult }> {
  backend = await startBackend()
  const school = await backend.seedSchool({ classes: 2, students: options.seed ?? 0, devices: 2 })
  const { admin } = backend.credentials
  const client = createBackendClient({
    baseUrl: backend.url,
    schoolId: backend.schoolId,
    email: admin.email,
    password: admin.password,
  })
  rig = await sagaRig({ terminals: [{}, {}], reportBackend: client, lookup: client })
  for (const [i, device] of rig.devices.entries()) {
    await rig.domain.registry.update(device.id, { backendId: school.devices[i]?.id ?? null })
    rig.devices[i] = rig.domain.registry.get(device.id)
  }
  return { rig, school }
}

describe('a registration reports to the school backend through the outbox', () => {
  it('provisions the student with its photo (requestId = clientId) and one result per device', async () => {
    const { rig, school } = await online()
    const classId = school.classes[0]?.id as string
    const body = await request(rig.devices, { student: { classId, gender: 'female' } })
    const registration = await rig.domain.registrations.register(body)

    expect(registration.backend).toMatchObject({ status: 'sent', provisioningId: expect.any(String) })
    const provision = backend?.calls.find((c) => c.path.endsWith('/students/provision'))
    expect(provision?.body).toMatchObject({
      requestId: body.clientId,
      targetAllActive: false,
      targetDeviceIds: school.devices.map((d) => d.id),
      student: { deviceStudentId: registration.employeeNo, classId, gender: 'female', firstName: 'Oʻtkir' },
    })
    expect(
      (provision?.body as { student: { faceImageBase64: string } }).student.faceImageBase64.length,
    ).toBeGreaterThan(1000)
    const stored = [...(backend?.state.students.values() ?? [])].find(
      (s) => s.deviceStudentId === registration.employeeNo,
    )
    expect(stored?.photoUrl).toMatch(/student-faces/)
    await rig.outbox.deliverSoon(registration.employeeNo, 5_000)
    const results = () => backend?.calls.filter((c) => c.path.endsWith('/device-result')) ?? []
    await expect
      .poll(() => results().map((c) => (c.body as { status: string }).status))
      .toEqual(['SUCCESS', 'SUCCESS'])
  })

  it('requires gender and class when a backend is configured', async () => {
    const { rig, school } = await online()
    const noGender = await request(rig.devices, {
      student: { classId: school.classes[0]?.id, gender: undefined },
    })
    expect((await failure(rig.domain.registrations.register(noGender))).extra.field).toBe('student.gender')
    const noClass = await request(rig.devices, { student: { gender: 'male' } })
    expect((await failure(rig.domain.registrations.register(noClass))).extra.field).toBe('student.classId')
  })

  it('still registers when the backend is down, and keeps the reports queued', async () => {
    const { rig, school } = await online()
    await backend?.setMode('down')
    const body = await request(rig.devices, { student: { classId: school.classes[0]?.id, gender: 'male' } })
    const registration = await rig.domain.registrations.register(body)
    expect(registration).toMatchObject({ status: 'SUCCESS', backend: { status: 'queued' } })
    expect(rig.outbox.view().pending.map((p) => p.kind)).toEqual([
      'provision',
      'device-result',
      'device-result',
    ])
  })

  it('skips a drawn number the backend already knows', async () => {
    const { rig, school } = await online({ seed: 3 })
    const taken = school.students[0]?.deviceStudentId as string
    expect(taken).toMatch(/^[1-9]\d+$/)
    const draws = [taken, '6660006661']
    const domain = rig.restart({ drawEmployeeNo: () => draws.shift() ?? '6660006662' })
    const body = await request(rig.devices, { student: { classId: school.classes[0]?.id, gender: 'male' } })
    expect((await domain.registrations.register(body)).employeeNo).toBe('6660006661')
    expect(backend?.calls.some((c) => c.path.endsWith(`/by-device-student-id/${taken}`))).toBe(true)
  })

  it('writes no report for a registration that failed', async () => {
    const { rig, school } = await online()
    rig.terminals[1]?.setFault('faceRecord', { kind: 'error', subStatusCode: 'faceLowQulity' })
    const body = await request(rig.devices, { student: { classId: school.classes[0]?.id, gender: 'male' } })
    const error = await failure(rig.domain.registrations.register(body))
    expect(error.code).toBe('device_rejected')
    expect(rig.outbox.view().pending).toEqual([])
    expect(backend?.calls.filter((c) => c.path.endsWith('/students/provision'))).toEqual([])
  })
})
