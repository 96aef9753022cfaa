import { afterEach, describe, expect, it } from 'vitest'
import { failure, request, sagaRig, type SagaRig } from './registration/saga-rig'

let rig: SagaRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

describe('browsing the people on a device', () => {
  it('pages through the device 30 at a time under one searchID, with hasFace from numOfFace', async () => {
    rig = await sagaRig({ terminals: [{ seedUsers: 75 }] })
    const id = rig.devices[0]?.id as string
    const users = rig.domain.deviceUsers
    rig.terminals[0]?.resetStats()

    const all = await users.list(id, { limit: '100' })
    expect(all.total).toBe(75)
    expect(all.users).toHaveLength(75)
    expect(all.users[0]).toEqual({
      employeeNo: '1001',
      name: 'Aziza Karimova',
      gender: 'unknown',
      userType: 'normal',
      validFrom: '2020-01-01T00:00:00',
      validTo: '2037-12-31T23:59:59',
      hasFace: true,
    })
    expect(all.users[2]?.hasFace).toBe(false)
    const searches = rig.terminals[0]?.stats.log.filter((e) => e.op === 'userSearch' && e.status === 200)
    expect(searches).toHaveLength(3)

    const last = await users.list(id, { offset: '60', limit: '30' })
    expect(last.users.map((u) => u.employeeNo)).toEqual(
      Array.from({ length: 15 }, (_, i) => String(1061 + i)),
    )
    expect((await users.list(id, { offset: '200' })).users).toEqual([])
    const found = await users.list(id, { q: 'Karimova' })
    expect(found.users.every((u) => u.name.includes('Karimova'))).toBe(true)
    expect(found.users.length).toBeGreaterThan(0)
  })

  it('shows one person and its face photo, and says not_found for what is not there', async () => {
    rig = await sagaRig({ terminals: [{ seedUsers: 3 }] })
    const id = rig.devices[0]?.id as string
    const users = rig.domain.deviceUsers
    expect(await users.get(id, '1002')).toMatchObject({
      employeeNo: '1002',
      name: 'Bekzod Rahimov',
      hasFace: true,
    })
    const face = await users.face(id, '1002')
    expect(face.equals(rig.terminals[0]?.state.faces.get('1002')?.jpeg as Buffer)).toBe(true)

    expect((await failure(users.get(id, '4040'))).code).toBe('not_found')
    expect((await failure(users.face(id, '1003'))).code).toBe('not_found')
    expect((await failure(users.get('no-device', '1002'))).code).toBe('not_found')
    expect((await failure(users.get(id, 'bad no'))).extra.field).toBe('employeeNo')
    expect((await failure(users.list(id, { limit: '0' }))).extra.field).toBe('limit')
    expect((await failure(users.list(id, { offset: '-1' }))).extra.field).toBe('offset')
  })

  it('deletes a person with its face, and a registration that had the student there forgets that device', async () => {
    rig = await sagaRig({ terminals: [{}, {}] })
    const { employeeNo } = await rig.domain.registrations.register(await request(rig.devices))
    await rig.domain.deviceUsers.remove(rig.devices[0]?.id as string, employeeNo)
    expect(rig.terminals[0]?.state.users.has(employeeNo)).toBe(false)
    expect(rig.terminals[0]?.state.faces.has(employeeNo)).toBe(false)
    const removed = await rig.domain.registrations.remove(employeeNo)
    expect(removed.devices.map((d) => d.deviceId)).toEqual([rig.devices[1]?.id])
    expect(
      (await failure(rig.domain.deviceUsers.remove(rig.devices[0]?.id as string, employeeNo))).code,
    ).toBe('not_found')
  })
})
