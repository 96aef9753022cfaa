import { describe, expect, it } from 'vitest'
import { ClassListResponse, StudentListResponse } from '../../../../shared/api/backend'
import { classList, studentListFromDiagnostics } from '../../../../proxy/backend/student-list'
import { useBackend } from './client-fixture'

const sim = useBackend({ seed: { classes: 2, students: 60, withPhotos: 0.5, devices: 2 } })

describe('the proxy’s /api/students and /api/classes answers', () => {
  it('builds a student page with per-device status, photo flag and page count', async () => {
    const client = sim.client()
    const list = studentListFromDiagnostics(await client.deviceDiagnostics({ page: 2 }))
    expect(StudentListResponse.parse(list)).toEqual(list)
    expect(list).toMatchObject({ page: 2, totalPages: 2, total: 60 })
    expect(list.students).toHaveLength(10)
    const student = list.students[0]
    const seeded = sim.backend.state.students.get(student?.id ?? '')
    expect(student).toMatchObject({ employeeNo: seeded?.deviceStudentId, name: seeded?.name })
    expect(student?.devices).toHaveLength(2)
    expect(student?.devices.every((d) => d.status === 'MISSING' && d.serial?.startsWith('DS-'))).toBe(true)
    expect(
      list.students.filter((s) => s.hasPhoto).every((s) => s.photoUrl?.startsWith(sim.backend.url)),
    ).toBe(true)
    expect(list.students.filter((s) => !s.hasPhoto).every((s) => s.photoUrl === null)).toBe(true)
  })

  it('keeps only what the app needs of a class', async () => {
    const classes = classList(await sim.client().listClasses())
    expect(ClassListResponse.parse(classes)).toEqual(classes)
    expect(classes).toEqual([
      { id: expect.any(String), name: '1-A', gradeLevel: 1 },
      { id: expect.any(String), name: '1-B', gradeLevel: 1 },
    ])
  })
})
