import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiveCheckFixResponse, LiveCheckResponse } from '../../../shared/api/live-check'
import type { Registration } from '../../../shared/api/registrations'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SeedResult, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, photo } from '../registration/rig'
import { startProxyFor } from '../students/rig'
import { onTerminal, post, searchesOn } from './rig'

interface Refusal {
  error: { code: string; message: string }
}

describe('live check of a class of 120 in EmployeeNoList batches', { timeout: 120_000 }, () => {
  let sim: SimBackend
  let school: SeedResult
  let proxy: RunningProxy
  let door: Terminal
  let deviceId: string

  beforeAll(async () => {
    sim = await startBackend()
    school = await sim.seedSchool({ classes: 1, students: 120, withPhotos: false })
    door = await startTerminal({ seedUsers: onTerminal(school.students) })
    proxy = await startProxyFor(sim)
    deviceId = (await addDevice(proxy, door, 'Asosiy kirish')).id
  })
  afterAll(async () => {
    await proxy?.stop()
    await door?.close()
    await sim?.close()
  })

  it('asks the device at most ceil(120 / 30) = 4 searches for the whole class', async () => {
    door.resetStats()
    const answer = await post<LiveCheckResponse>(proxy, '/api/live-check', { classId: school.classes[0]?.id })
    expect(answer.status).toBe(200)
    expect(answer.body.total).toBe(120)
    expect(answer.body.students).toHaveLength(120)
    expect(answer.body.students.every((s) => s.devices[0]?.state === 'PRESENT')).toBe(true)
    expect(searchesOn(door)).toBe(4)
  })

  it('names a student asked for by number with the name the device holds', async () => {
    const first = school.students[0]!
    const answer = await post<LiveCheckResponse>(proxy, '/api/live-check', {
      employeeNos: [first.deviceStudentId],
    })
    expect(answer.body).toMatchObject({ source: 'request', total: 1 })
    expect(answer.body.students[0]).toMatchObject({ employeeNo: first.deviceStudentId, name: first.name })
  })

  it('checks the class in chunks by offset and limit, every student once', async () => {
    const classId = school.classes[0]?.id
    const seen: string[] = []
    for (let offset = 0; offset < 120; offset += 50) {
      const chunk = await post<LiveCheckResponse>(proxy, '/api/live-check', { classId, offset, limit: 50 })
      expect(chunk.body).toMatchObject({ total: 120, offset })
      seen.push(...chunk.body.students.map((s) => s.employeeNo as string))
    }
    expect(new Set(seen)).toEqual(new Set(school.students.map((s) => s.deviceStudentId)))
  })

  it('uses its own registrations of the class (and fixes from them) while the school server is away, else says why', async () => {
    const classId = school.classes[0]?.id as string
    const registered = await post<Registration>(proxy, '/api/registrations', {
      clientId: crypto.randomUUID(),
      student: { firstName: 'Zarina', lastName: 'Saidova', gender: 'female', classId },
      face: (await photo()).toString('base64'),
      deviceIds: [deviceId],
    })
    expect(registered.status, JSON.stringify(registered.body)).toBe(201)
    await sim.setMode('down')

    const answer = await post<LiveCheckResponse>(proxy, '/api/live-check', { classId })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ source: 'registrations', total: 1 })
    expect(answer.body.students[0]).toMatchObject({
      employeeNo: registered.body.employeeNo,
      name: 'Saidova Zarina',
      devices: [{ deviceId, state: 'PRESENT' }],
    })

    // someone removed the student at the terminal: the fix writes it back from the proxy's own record
    const no = registered.body.employeeNo
    door.state.users.delete(no)
    door.state.faces.delete(no)
    const fixed = await post<LiveCheckFixResponse>(proxy, '/api/live-check/fix', {
      employeeNo: no,
      deviceIds: [deviceId],
    })
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200)
    expect(fixed.body.actions).toEqual([{ deviceId, wrote: 'person-and-face' }])
    expect(fixed.body.student.devices).toEqual([{ deviceId, state: 'PRESENT' }])
    expect(door.state.users.get(no)?.name).toBe('Saidova Zarina')

    const unknown = await post<Refusal>(proxy, '/api/live-check', { classId: 'no-such-class' })
    expect([unknown.status, unknown.body.error.code]).toEqual([503, 'backend_unavailable'])
  })
})
