import { afterEach, describe, expect, it } from 'vitest'
import type { BackendStudent } from '../../../../../shared/api/backend'
import type { Registration } from '../../../../../shared/api/registrations'
import { backendUnavailable } from '../../../../../proxy/backend/backend-errors'
import { failure, request, sagaRig, type SagaRig } from './saga-rig'

let rig: SagaRig
afterEach(() => rig?.close())

function student(id: string, deviceStudentId: string | null): BackendStudent {
  return {
    id,
    deviceStudentId,
    name: 'Qodirova Nilufar',
    firstName: 'Nilufar',
    lastName: 'Qodirova',
    fatherName: null,
    gender: 'FEMALE',
    classId: null,
    class: null,
    parentPhone: null,
    photoUrl: null,
    isActive: true,
    deviceSyncStatus: null,
  }
}

/** The school server's student pages, as the client walks them; `away` makes it unreachable. */
function school(students: BackendStudent[]) {
  const state = { away: false, walks: 0 }
  return {
    state,
    isDeviceStudentIdFree: async (no: string) => !students.some((s) => s.deviceStudentId === no),
    studentByDeviceStudentId: async (no: string) => students.find((s) => s.deviceStudentId === no) ?? null,
    deleteStudent: async () => undefined,
    async *listAllStudents() {
      state.walks += 1
      if (state.away) throw backendUnavailable('The school server did not answer', { reason: 'timeout' })
      yield* students
    },
  }
}

describe('enrolling a school server student without an employeeNo', () => {
  it("uses the student's deviceStudentId, asking the server once and then remembering it", async () => {
    const server = school([student('s-1', '3100000001'), student('s-2', '3100000002')])
    rig = await sagaRig({ terminals: [{}], lookup: server })
    const first = await rig.domain.registrations.register(
      await request(rig.devices, { student: { backendStudentId: 's-2' } }),
    )
    expect(first.employeeNo).toBe('3100000002')
    expect(rig.terminals[0]?.state.users.has('3100000002')).toBe(true)

    server.state.away = true
    await rig.domain.registrations.remove('3100000002')
    const other = await failure(
      rig.domain.registrations.register(await request(rig.devices, { student: { backendStudentId: 's-9' } })),
    )
    expect(other).toMatchObject({ code: 'backend_unavailable', extra: { field: 'student.backendStudentId' } })
    // s-1 was seen on the walk that found s-2: no second walk is needed while the server is away
    const remembered = await rig.domain.registrations.register(
      await request(rig.devices, { student: { backendStudentId: 's-1' } }),
    )
    expect(remembered.employeeNo).toBe('3100000001')
  })

  it('draws a new number for a student who has none yet', async () => {
    rig = await sagaRig({ terminals: [{}], lookup: school([student('s-1', null)]) })
    const done = await rig.domain.registrations.register(
      await request(rig.devices, { student: { backendStudentId: 's-1' } }),
    )
    expect(done.employeeNo).toMatch(/^[1-9][0-9]{9}$/)
  })
})

describe('enrolling someone already there', () => {
  it('is refused as duplicate with who holds the number, so the app can offer to update them', async () => {
    rig = await sagaRig({ terminals: [{ seedUsers: [{ employeeNo: '3200000001', name: 'Eski Odam' }] }, {}] })
    const taken = await failure(
      rig.domain.registrations.register(
        await request(rig.devices, { student: { employeeNo: '3200000001' } }),
      ),
    )
    expect(taken.code).toBe('duplicate')
    expect((taken.extra.details as Registration).existing).toEqual({
      employeeNo: '3200000001',
      registered: false,
      deviceIds: [rig.devices[0]?.id],
      name: null,
    })

    const mine = await rig.domain.registrations.register(await request(rig.devices))
    const again = await failure(
      rig.domain.registrations.register(
        await request(rig.devices, { student: { employeeNo: mine.employeeNo } }),
      ),
    )
    expect(again.code).toBe('duplicate')
    expect((again.extra.details as Registration).existing).toMatchObject({
      employeeNo: mine.employeeNo,
      registered: true,
      deviceIds: rig.devices.map((d) => d.id),
    })
  })
})
