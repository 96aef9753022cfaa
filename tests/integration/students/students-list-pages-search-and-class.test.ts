import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StudentListResponse } from '../../../shared/api/backend'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SeedResult, type SimBackend } from '../../sim/backend'
import { ErrorBody, json, startProxyFor } from './rig'

describe('GET /api/students against the school server', () => {
  let sim: SimBackend
  let school: SeedResult
  let proxy: RunningProxy

  const list = async (query: string) =>
    json(StudentListResponse, await proxy.adminFetch(`/api/students${query}`))

  beforeAll(async () => {
    sim = await startBackend()
    school = await sim.seedSchool({ classes: 3, students: 120, withPhotos: 0.5, devices: 2 })
    proxy = await startProxyFor(sim)
  })
  afterAll(async () => {
    await proxy?.stop()
    await sim?.close()
  })

  it('pages 50 at a time past the first page, every student once', async () => {
    const first = await list('')
    expect(first).toMatchObject({ page: 1, totalPages: 3, total: 120 })
    expect(first.students).toHaveLength(50)
    const second = await list('?page=2')
    const third = await list('?page=3')
    expect(second.students).toHaveLength(50)
    expect(third).toMatchObject({ page: 3, totalPages: 3 })
    expect(third.students).toHaveLength(20)
    const ids = new Set([...first.students, ...second.students, ...third.students].map((s) => s.id))
    expect(ids).toEqual(new Set(school.students.map((s) => s.id)))
  })

  it('gives each student its state on every backend device and a photo path through the proxy', async () => {
    const { students } = await list('')
    const withPhoto = students.find((s) => s.hasPhoto)
    const withoutPhoto = students.find((s) => !s.hasPhoto)
    expect(withPhoto?.photoPath).toBe(`/api/students/${withPhoto?.id}/photo`)
    expect(withoutPhoto?.photoPath).toBeNull()
    for (const student of students) {
      expect(student.devices.map((d) => d.backendDeviceId).sort()).toEqual(
        school.devices.map((d) => d.id).sort(),
      )
      expect(student.devices.every((d) => d.status === 'MISSING')).toBe(true)
    }
  })

  it('finds students by a part of the name, Uzbek letters included', async () => {
    const target = school.students.find((s) => s.firstName === 'Oʻtkir')
    expect(target).toBeDefined()
    const found = await list(`?search=${encodeURIComponent('Oʻtkir')}`)
    expect(found.total).toBeGreaterThan(0)
    expect(found.students.map((s) => s.id)).toContain(target?.id)
    expect(found.students.every((s) => s.name.includes('Oʻtkir'))).toBe(true)
  })

  it('keeps to one class when asked', async () => {
    const klass = school.classes[1]
    const found = await list(`?classId=${klass?.id}`)
    expect(found.total).toBe(40)
    expect(found.students.every((s) => s.classId === klass?.id && s.className === klass?.name)).toBe(true)
  })

  it('refuses a page that is not a number with the field at fault', async () => {
    const response = await proxy.adminFetch('/api/students?page=first')
    expect(response.status).toBe(400)
    expect((await json(ErrorBody, response)).error).toMatchObject({
      code: 'validation_failed',
      field: 'page',
    })
  })

  it('says the school server is unavailable while it is down, and lists again when it is back', async () => {
    await sim.setMode('down')
    const response = await proxy.adminFetch('/api/students')
    expect(response.status).toBe(503)
    expect((await json(ErrorBody, response)).error.code).toBe('backend_unavailable')
    await sim.setMode('up')
    expect((await list('')).total).toBe(120)
  })
})
