import { describe, expect, it } from 'vitest'
import type { StudentListItem } from '../../../../../shared/api/backend'
import { ClassRosters } from '../../../../../proxy/domain/live-check/roster'
import type { StudentDirectory } from '../../../../../proxy/domain/students/student-directory'
import type { RegistrationsRepo } from '../../../../../proxy/store/registrations-repo'

function listed(id: string, employeeNo: string, hasPhoto: boolean): StudentListItem {
  return {
    id,
    employeeNo,
    name: `Student ${id}`,
    firstName: null,
    lastName: null,
    fatherName: null,
    classId: 'c-1',
    className: '1-A',
    photoUrl: hasPhoto ? `http://127.0.0.1/photos/${id}.jpg` : null,
    hasPhoto,
    devices: [],
    terminals: [],
  }
}

describe('class roster for the live check', () => {
  it('marks a student with no photo on the school server and none registered here as noPhoto', async () => {
    const directory = {
      list: async () => ({
        students: [listed('s-1', '1001', true), listed('s-2', '1002', false), listed('s-3', '1003', false)],
        page: 1,
        totalPages: 1,
        total: 3,
      }),
    } as unknown as StudentDirectory
    // 1003 was registered by this proxy: its face is kept here, so it can still be written
    const registrations = {
      get: (employeeNo: string) => (employeeNo === '1003' ? { employeeNo } : undefined),
    } as unknown as RegistrationsRepo
    const roster = await new ClassRosters(directory, registrations).of('c-1', true)
    expect(roster.students.map((s) => [s.employeeNo, s.noPhoto ?? false])).toEqual([
      ['1001', false],
      ['1002', true],
      ['1003', false],
    ])
  })
})
