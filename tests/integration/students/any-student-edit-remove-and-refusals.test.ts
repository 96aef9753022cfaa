import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StudentListResponse } from '../../../shared/api/backend'
import type { OutboxView } from '../../../shared/api/outbox'
import type { Registration } from '../../../shared/api/registrations'
import type { StudentSheet, UnlinkedPeople } from '../../../shared/api/student-sheet'
import type { StudentSaveResult } from '../../../shared/api/students'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SeedResult, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { startJob, waitFor } from '../jobs/job-helpers'
import { addDevice, call, eventually, photo } from '../registration/rig'
import { startProxyFor } from './rig'

type Student = SeedResult['students'][number]
const STRANGER = '7700000001'

describe('any student on the terminals: seen, edited, removed; refusals shown', () => {
  let backend: SimBackend
  let school: SeedResult
  let proxy: RunningProxy
  let entrance: Terminal
  let exit: Terminal
  let entranceId: string
  let exitId: string
  let copied: Student
  let oldTimer: Student

  const named = (...parts: Array<string | null>) => parts.filter(Boolean).join(' ')
  const gender = (s: Student) => (s.gender === 'FEMALE' ? 'female' : 'male')
  const listed = async (s: Student) => {
    const page = await call<StudentListResponse>(
      proxy,
      'GET',
      `/api/students?search=${encodeURIComponent(s.name)}`,
    )
    return { page: page.body, row: page.body.students.find((row) => row.id === s.id) }
  }

  beforeAll(async () => {
    backend = await startBackend()
    school = await backend.seedSchool({ classes: 2, students: 3, withPhotos: true })
    ;[copied, oldTimer] = school.students as [Student, Student]
    // the entrance held people before the proxy existed: a school student, and someone the school lacks
    entrance = await startTerminal({
      seedUsers: [
        { employeeNo: oldTimer.deviceStudentId as string, name: oldTimer.name, withFace: true },
        { employeeNo: STRANGER, name: 'Begona Odam', withFace: true },
      ],
    })
    exit = await startTerminal({})
    proxy = await startProxyFor(backend)
    entranceId = (await addDevice(proxy, entrance, 'Kirish')).id
    exitId = (await addDevice(proxy, exit, 'Chiqish')).id
    // a copy job puts every school student with a photo onto the exit
    const job = await startJob(proxy, { type: 'clone-db-to-device', targetDeviceId: exitId })
    await waitFor(proxy, job.id, (j) => j.state === 'done')
  }, 120_000)
  afterAll(async () => {
    await proxy?.stop()
    await Promise.all([entrance?.close(), exit?.close(), backend?.close()])
  })

  it('lists a copied student as on the exit, from the copy, with every terminal in one order', async () => {
    const { page, row } = await listed(copied)
    expect(page.terminals.map((t) => t.name)).toEqual(['Chiqish', 'Kirish'])
    expect(row?.terminals.map((t) => [t.deviceName, t.state, t.source])).toEqual([
      ['Chiqish', 'present', 'copy'],
      ['Kirish', 'unknown', null],
    ])
    expect(row?.terminals[0]?.ageSec).toBeGreaterThanOrEqual(0)
  })

  it('edits the person a copy job put there: adopted, renamed on the terminal, updated on the school server', async () => {
    const no = copied.deviceStudentId as string
    const edited = await call<Registration>(proxy, 'PUT', `/api/registrations/${no}`, {
      student: { firstName: 'Yangiism' },
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect(edited.body).toMatchObject({ status: 'SUCCESS', adopted: true })
    expect(exit.state.users.get(no)?.name).toBe(named(copied.lastName, 'Yangiism', copied.fatherName))
    expect(entrance.state.users.has(no)).toBe(false)
    await eventually(
      () => backend.state.students.get(copied.id)?.firstName === 'Yangiism',
      'the school server told',
    )
    const sheet = await call<StudentSheet>(proxy, 'GET', `/api/registrations/${no}`)
    expect(sheet.body).toMatchObject({ origin: 'adopted', backendStudentId: copied.id })
    expect(sheet.body.history.map((h) => h.action)).toContain('registration.update')
  })

  it('edits a person who was on a terminal before the proxy existed, new face on every terminal holding them', async () => {
    const no = oldTimer.deviceStudentId as string
    const before = await call<StudentSheet>(proxy, 'GET', `/api/registrations/${no}?check=true`)
    expect(before.body.origin).toBe('terminal')
    expect(before.body.terminals.map((t) => [t.state, t.source])).toEqual([
      ['present', 'live-check'],
      ['present', 'live-check'],
    ])
    const oldFaces = [exit, entrance].map((t) => t.state.faces.get(no)?.jpeg)
    const edited = await call<Registration>(proxy, 'PUT', `/api/registrations/${no}`, {
      student: { lastName: 'Yangifamiliya' },
      face: (await photo(700, 900)).toString('base64'),
    })
    expect(edited.body).toMatchObject({ status: 'SUCCESS', adopted: true })
    for (const [i, terminal] of [exit, entrance].entries()) {
      expect(terminal.state.users.get(no)?.name).toBe(
        named('Yangifamiliya', oldTimer.firstName, oldTimer.fatherName),
      )
      expect(terminal.state.faces.get(no)?.jpeg.equals(oldFaces[i] as Buffer)).toBe(false)
    }
    expect(exit.state.faces.get(no)?.jpeg.equals(entrance.state.faces.get(no)?.jpeg as Buffer)).toBe(true)
    await eventually(
      () => backend.state.students.get(oldTimer.id)?.lastName === 'Yangifamiliya',
      'the school server has the new surname',
    )
  })

  it('removes a student from every terminal in one call, read back; the school server keeps them', async () => {
    const no = oldTimer.deviceStudentId as string
    const removed = await call<Registration>(proxy, 'DELETE', `/api/registrations/${no}`)
    expect(removed.body.devices.map((d) => d.status)).toEqual(['SUCCESS', 'SUCCESS'])
    expect([exit, entrance].map((t) => t.state.users.has(no) || t.state.faces.has(no))).toEqual([
      false,
      false,
    ])
    expect(backend.state.students.get(oldTimer.id)?.isActive).toBe(true)
    const { row } = await listed({ ...oldTimer, name: 'Yangifamiliya' })
    expect(row?.terminals.map((t) => [t.state, t.source])).toEqual([
      ['absent', 'removal'],
      ['absent', 'removal'],
    ])
  })

  it('deletes the student on the school server too when the admin asks', async () => {
    const no = copied.deviceStudentId as string
    const removed = await call<Registration>(
      proxy,
      'DELETE',
      `/api/registrations/${no}?deleteOnSchoolServer=true`,
    )
    expect(removed.body).toMatchObject({ status: 'SUCCESS', schoolServer: { status: 'deleted' } })
    expect(exit.state.users.has(no)).toBe(false)
    expect(backend.state.students.get(copied.id)?.isActive).toBe(false)
  })

  it('lists the terminal people the school database lacks', async () => {
    const answer = await call<UnlinkedPeople>(proxy, 'GET', '/api/students/not-in-school')
    expect(answer.body.terminals.every((t) => t.online)).toBe(true)
    expect(answer.body.people).toEqual([
      expect.objectContaining({
        employeeNo: STRANGER,
        name: 'Begona Odam',
        deviceIds: [entranceId],
        hasFace: true,
      }),
    ])
  })

  it("shows the school server's refusal of a new student with its reason, on the sheet and in the outbox", async () => {
    const twin = school.students[2] as Student
    const request = {
      clientId: randomUUID(),
      student: {
        firstName: twin.firstName,
        lastName: twin.lastName,
        gender: gender(twin),
        classId: twin.classId,
      },
      face: (await photo()).toString('base64'),
      deviceIds: [entranceId],
    }
    const created = await call<Registration>(proxy, 'POST', '/api/registrations', request)
    expect(created.status).toBe(201)
    const no = created.body.employeeNo
    await eventually(async () => {
      const sheet = await call<StudentSheet>(proxy, 'GET', `/api/registrations/${no}`)
      return sheet.body.backend.refusal?.reason === 'duplicate_in_class'
    }, 'the refusal on the sheet')
    const sheet = await call<StudentSheet>(proxy, 'GET', `/api/registrations/${no}`)
    expect(sheet.body.backend.refusal).toMatchObject({
      kind: 'provision',
      message: 'Duplicate student in class',
    })
    const outbox = await call<OutboxView>(proxy, 'GET', '/api/outbox')
    expect(outbox.body.failed.find((r) => r.groupKey === no)?.refusalReason).toBe('duplicate_in_class')
    // the replayed registration answer says it too
    const replayed = await call<Registration>(proxy, 'POST', '/api/registrations', request)
    expect(replayed.body.backend.error).toMatchObject({ reason: 'duplicate_in_class' })
  })

  it('saves a student to the school server without writing any terminal', async () => {
    const clientId = randomUUID()
    const body = {
      clientId,
      student: {
        firstName: 'Terminalsiz',
        lastName: 'Oʻquvchi',
        gender: 'female',
        classId: school.classes[1]?.id,
      },
    }
    const saved = await call<StudentSaveResult>(proxy, 'POST', '/api/students', body)
    expect(saved.status, JSON.stringify(saved.body)).toBe(201)
    const no = saved.body.employeeNo
    await eventually(
      () =>
        [...backend.state.students.values()].some(
          (s) => s.deviceStudentId === no && s.firstName === 'Terminalsiz',
        ),
      'the student on the school server',
    )
    expect([entrance, exit].some((t) => t.state.users.has(no))).toBe(false)
    const again = await call<StudentSaveResult>(proxy, 'POST', '/api/students', body)
    expect(again.body.employeeNo).toBe(no)
  })

  it('enrolls a school student by backendStudentId under their deviceStudentId; refuses it when the server is away and the number unknown', async () => {
    const twin = school.students[2] as Student
    const enrollOn = async (deviceId: string) =>
      call<Registration & { error?: { code: string; details: Registration } }>(
        proxy,
        'POST',
        '/api/registrations',
        {
          clientId: randomUUID(),
          student: {
            firstName: twin.firstName,
            lastName: twin.lastName,
            gender: gender(twin),
            classId: twin.classId,
            backendStudentId: twin.id,
          },
          face: (await photo()).toString('base64'),
          deviceIds: [deviceId],
        },
      )
    // the copy job put them on the exit already: not a dead end, the answer names who is there
    const there = await enrollOn(exitId)
    expect(there.status).toBe(409)
    expect(there.body.error).toMatchObject({
      code: 'duplicate',
      details: { existing: { employeeNo: twin.deviceStudentId, deviceIds: [exitId] } },
    })
    const enrolled = await enrollOn(entranceId)
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201)
    expect(enrolled.body.employeeNo).toBe(twin.deviceStudentId)

    await backend.setMode('down')
    const refused = await call<{ error: { code: string; field: string } }>(
      proxy,
      'POST',
      '/api/registrations',
      {
        clientId: randomUUID(),
        student: {
          firstName: 'Nomaʼlum',
          lastName: 'Bola',
          gender: 'male',
          classId: twin.classId,
          backendStudentId: 'never-seen',
        },
        face: (await photo()).toString('base64'),
        deviceIds: [exitId],
      },
    )
    expect(refused.status).toBe(503)
    expect(refused.body.error).toMatchObject({
      code: 'backend_unavailable',
      field: 'student.backendStudentId',
    })
    await backend.setMode('up')
  })
})
