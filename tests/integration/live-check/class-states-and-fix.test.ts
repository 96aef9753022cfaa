import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiveCheckFixResponse, LiveCheckResponse, LiveState } from '../../../shared/api/live-check'
import type { RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SeedResult, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { addDevice, operatorToken } from '../registration/rig'
import { startProxyFor } from '../students/rig'
import { expireCredentials, onTerminal, post } from './rig'

interface Refusal {
  error: { code: string; message: string; field?: string }
}

describe('live check of a class on four terminals', { timeout: 120_000 }, () => {
  let sim: SimBackend
  let school: SeedResult
  let proxy: RunningProxy
  let door: Terminal
  let gym: Terminal
  const closed: Terminal[] = []
  const ids: Record<'door' | 'gym' | 'off' | 'expired', string> = { door: '', gym: '', off: '', expired: '' }

  beforeAll(async () => {
    sim = await startBackend()
    school = await sim.seedSchool({ classes: 1, students: 6, withPhotos: true })
    const [s0, s1, s2, s3, , s5] = school.students
    // s5 has no device number on the server: not enrolled
    if (s5) s5.deviceStudentId = null
    const present = [s0, s1, s2].filter((s) => s !== undefined)
    door = await startTerminal({
      seedUsers: [...onTerminal(present), ...onTerminal(s3 ? [s3] : [], false)],
    })
    gym = await startTerminal({ model: 'ds-k1a340fwx', seedUsers: onTerminal(school.students.slice(0, 5)) })
    const off = await startTerminal({})
    const expired = await startTerminal({ seedUsers: onTerminal(school.students.slice(0, 5)) })
    closed.push(off, expired)
    proxy = await startProxyFor(sim)
    ids.door = (await addDevice(proxy, door, 'Asosiy kirish')).id
    ids.gym = (await addDevice(proxy, gym, 'Sport zal')).id
    ids.off = (await addDevice(proxy, off, 'Orqa eshik')).id
    ids.expired = (await addDevice(proxy, expired, 'Oshxona')).id
    await off.close()
    expireCredentials(proxy, ids.expired)
  })
  afterAll(async () => {
    await proxy?.stop()
    await Promise.all([door, gym, ...closed.slice(1)].map((t) => t?.close()))
    await sim?.close()
  })

  const stateGrid = (answer: LiveCheckResponse) =>
    Object.fromEntries(
      answer.students.map((s) => [
        s.name,
        Object.fromEntries(s.devices.map((d) => [deviceName(d.deviceId), d.state])),
      ]),
    )
  const deviceName = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id

  it('gives every student × device its exact state, and says who is not enrolled', async () => {
    const classId = school.classes[0]?.id
    const answer = await post<LiveCheckResponse>(proxy, '/api/live-check', { classId })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ total: 6, offset: 0, source: 'backend' })

    const [s0, s1, s2, s3, s4, s5] = school.students.map((s) => s.name)
    const all = (door: LiveState, gym: LiveState) => ({
      door,
      gym,
      off: 'OFFLINE',
      expired: 'CREDENTIALS_EXPIRED',
    })
    expect(stateGrid(answer.body)).toEqual({
      [s0 as string]: all('PRESENT', 'PRESENT'),
      [s1 as string]: all('PRESENT', 'PRESENT'),
      [s2 as string]: all('PRESENT', 'PRESENT'),
      [s3 as string]: all('NO_FACE', 'PRESENT'),
      [s4 as string]: all('ABSENT', 'PRESENT'),
      [s5 as string]: {},
    })
    const notEnrolled = answer.body.students.find((s) => s.name === s5)
    expect(notEnrolled).toMatchObject({ employeeNo: null, devices: [] })
    const cells = answer.body.students[0]?.devices ?? []
    expect(cells.find((c) => c.deviceId === ids.off)?.error?.code).toBe('device_unreachable')
    expect(cells.find((c) => c.deviceId === ids.expired)?.error?.code).toBe('credentials_expired')
    expect(Object.fromEntries(answer.body.devices.map((d) => [deviceName(d.id), d.online]))).toEqual({
      door: true,
      gym: true,
      off: false,
      expired: false,
    })
  })

  it('lets an operator fix the absent student and the one without a face; the re-check says PRESENT', async () => {
    const token = await operatorToken(proxy)
    const [, , , s3, s4] = school.students
    const absent = await post<LiveCheckFixResponse>(
      proxy,
      '/api/live-check/fix',
      { employeeNo: s4?.deviceStudentId, studentId: s4?.id, deviceIds: [ids.door, ids.gym] },
      token,
    )
    expect(absent.status, JSON.stringify(absent.body)).toBe(200)
    expect(absent.body.actions).toEqual([
      { deviceId: ids.door, wrote: 'person-and-face' },
      { deviceId: ids.gym, wrote: 'none' },
    ])
    expect(absent.body.student.devices.map((d) => d.state)).toEqual(['PRESENT', 'PRESENT'])
    const written = door.state.users.get(s4?.deviceStudentId as string)
    expect(written?.name).toBe(`${s4?.lastName} ${s4?.firstName} ${s4?.fatherName}`)
    expect(door.state.faces.has(s4?.deviceStudentId as string)).toBe(true)

    const faceless = await post<LiveCheckFixResponse>(
      proxy,
      '/api/live-check/fix',
      { employeeNo: s3?.deviceStudentId, studentId: s3?.id, deviceIds: [ids.door] },
      token,
    )
    expect(faceless.body.actions).toEqual([{ deviceId: ids.door, wrote: 'face' }])
    expect(faceless.body.student.devices[0]?.state).toBe('PRESENT')

    const again = await post<LiveCheckResponse>(proxy, '/api/live-check', {
      classId: school.classes[0]?.id,
      deviceIds: [ids.door],
    })
    expect(
      again.body.students.filter((s) => s.employeeNo).every((s) => s.devices[0]?.state === 'PRESENT'),
    ).toBe(true)
  })

  it('reports a device it cannot reach or log into as the fix error, and writes nothing there', async () => {
    const s4 = school.students[4]
    const answer = await post<LiveCheckFixResponse>(proxy, '/api/live-check/fix', {
      employeeNo: s4?.deviceStudentId,
      studentId: s4?.id,
      deviceIds: [ids.off, ids.expired],
    })
    expect(answer.status).toBe(200)
    expect(answer.body.student.devices.map((d) => d.state)).toEqual(['OFFLINE', 'CREDENTIALS_EXPIRED'])
    expect(answer.body.actions.map((a) => a.wrote)).toEqual(['none', 'none'])
  })

  it('calls a refused login CREDENTIALS_EXPIRED and a nonsense answer OFFLINE, saying which', async () => {
    const s0 = school.students[0]?.deviceStudentId as string
    gym.setFault('userSearch', { kind: 'garbage' }, { times: 1 })
    const garbled = await post<LiveCheckResponse>(proxy, '/api/live-check', {
      employeeNos: [s0],
      deviceIds: [ids.gym],
    })
    expect(garbled.body.students[0]?.devices[0]).toMatchObject({
      state: 'OFFLINE',
      error: { code: 'device_bad_response' },
    })
    expect(garbled.body.devices[0]?.online).toBe(false)

    const saved = door.password
    door.setPassword('changed-behind-our-back-1')
    try {
      const refused = await post<LiveCheckResponse>(proxy, '/api/live-check', {
        employeeNos: [s0],
        deviceIds: [ids.door],
      })
      expect(refused.body.students[0]?.devices[0]).toMatchObject({
        state: 'CREDENTIALS_EXPIRED',
        error: { code: 'device_auth_failed' },
      })
    } finally {
      door.setPassword(saved)
    }
  })

  it('refuses what it cannot check or fix with a stable code', async () => {
    const both = await post<Refusal>(proxy, '/api/live-check', { classId: 'x', employeeNos: ['1'] })
    expect([both.status, both.body.error.code]).toEqual([400, 'validation_failed'])
    const ghost = await post<Refusal>(proxy, '/api/live-check', { employeeNos: ['1'], deviceIds: ['ghost'] })
    expect([ghost.status, ghost.body.error.code, ghost.body.error.field]).toEqual([
      404,
      'not_found',
      'deviceIds',
    ])
    const unknown = await post<Refusal>(proxy, '/api/live-check/fix', {
      employeeNo: '4242424242',
      deviceIds: [ids.door],
    })
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found'])
    expect(door.state.users.has('4242424242')).toBe(false)
    const unpaired = await proxy.fetch('/api/live-check', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ employeeNos: ['1'] }),
    })
    expect(unpaired.status).toBe(401)
  })
})
