import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceUser, DeviceUsersPage } from '../../../shared/api/devices'
import { call, operatorToken, startRig, type Rig } from '../registration/rig'

describe('the people on a device, over HTTP', () => {
  let rig: Rig
  let base: string
  beforeAll(async () => {
    rig = await startRig({ terminals: [{ seedUsers: 64 }] })
    base = `/api/devices/${rig.devices[0]?.id}/users`
  })
  afterAll(() => rig?.close())

  it('lists pages with the device total, and filters by name', async () => {
    const first = await call<DeviceUsersPage>(rig.proxy, 'GET', `${base}?offset=0&limit=50`)
    expect(first.status).toBe(200)
    expect(first.body.total).toBe(64)
    expect(first.body.users).toHaveLength(50)
    expect(first.body.users[0]).toMatchObject({ employeeNo: '1001', name: 'Aziza Karimova', hasFace: true })
    const rest = await call<DeviceUsersPage>(rig.proxy, 'GET', `${base}?offset=50`)
    expect(rest.body.users.map((u) => u.employeeNo)).toEqual(
      Array.from({ length: 14 }, (_, i) => String(1051 + i)),
    )
    const named = await call<DeviceUsersPage>(rig.proxy, 'GET', `${base}?q=Hamidov`)
    expect(named.body.users.map((u) => u.name)).toEqual(expect.arrayContaining(['Oʻtkir Hamidov']))
    const bad = await call(rig.proxy, 'GET', `${base}?limit=500`)
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', field: 'limit' } } })
  })

  it('shows one person and serves its face as image/jpeg', async () => {
    const one = await call<DeviceUser>(rig.proxy, 'GET', `${base}/1002`)
    expect(one.body).toMatchObject({ employeeNo: '1002', name: 'Bekzod Rahimov', hasFace: true })
    const face = await call<Buffer>(rig.proxy, 'GET', `${base}/1002/face`)
    expect(face.status).toBe(200)
    expect(face.contentType).toBe('image/jpeg')
    expect(face.body.equals(rig.terminals[0]?.state.faces.get('1002')?.jpeg as Buffer)).toBe(true)
    expect((await call(rig.proxy, 'GET', `${base}/1003/face`)).status).toBe(404)
    expect((await call(rig.proxy, 'GET', `${base}/7777`)).status).toBe(404)
    expect((await call(rig.proxy, 'GET', '/api/devices/ghost/users')).status).toBe(404)
  })

  it('deletes a person and its face (admins only)', async () => {
    const token = await operatorToken(rig.proxy)
    expect((await call(rig.proxy, 'DELETE', `${base}/1004`, undefined, token)).status).toBe(403)
    expect((await call(rig.proxy, 'DELETE', `${base}/1004`)).status).toBe(204)
    expect(rig.terminals[0]?.state.users.has('1004')).toBe(false)
    expect(rig.terminals[0]?.state.faces.has('1004')).toBe(false)
    expect((await call(rig.proxy, 'DELETE', `${base}/1004`)).status).toBe(404)
  })
})
