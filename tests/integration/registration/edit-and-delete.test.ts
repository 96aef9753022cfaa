import { randomUUID } from 'node:crypto'
import { FormData } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Registration } from '../../../shared/api/registrations'
import { call, operatorToken, peopleOn, photo, startRig, type Rig } from './rig'

describe('editing and removing a registration over HTTP', () => {
  let rig: Rig
  let employeeNo: string
  beforeAll(async () => {
    rig = await startRig({ terminals: [{}, { model: 'ds-k1t341am' }, {}] })
    const [a, b] = rig.devices
    const created = await call<Registration>(rig.proxy, 'POST', '/api/registrations', {
      clientId: randomUUID(),
      student: { firstName: 'Madina', lastName: 'Yusupova', gender: 'female' },
      face: (await photo()).toString('base64'),
      deviceIds: [a?.id, b?.id],
    })
    expect(created.status).toBe(201)
    employeeNo = created.body.employeeNo
  })
  afterAll(() => rig?.close())

  it('renames the student and replaces the photo with PUT (multipart), on the devices it is on', async () => {
    const before = rig.terminals.slice(0, 2).map((t) => t.state.faces.get(employeeNo)?.jpeg)
    const form = new FormData()
    form.set('data', JSON.stringify({ student: { lastName: 'Saidova' } }))
    form.set('face', new Blob([new Uint8Array(await photo(800, 1000))], { type: 'image/jpeg' }), 'yangi.jpg')
    const response = await rig.proxy.fetch(`/api/registrations/${employeeNo}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${rig.proxy.adminToken}` },
      body: form,
    })
    const edited = (await response.json()) as Registration
    expect(response.status, JSON.stringify(edited)).toBe(200)
    expect(edited).toMatchObject({ employeeNo, status: 'SUCCESS', name: 'Saidova Madina' })
    for (const [i, terminal] of rig.terminals.slice(0, 2).entries()) {
      expect(terminal.state.users.get(employeeNo)?.name).toBe('Saidova Madina')
      expect(terminal.state.faces.get(employeeNo)?.jpeg.equals(before[i] as Buffer)).toBe(false)
    }
  })

  it('moves the student to another device set with PUT deviceIds', async () => {
    const [a, , c] = rig.devices
    const moved = await call<Registration>(rig.proxy, 'PUT', `/api/registrations/${employeeNo}`, {
      deviceIds: [a?.id, c?.id],
    })
    expect(moved.status).toBe(200)
    expect(rig.terminals.map((t) => peopleOn(t).includes(employeeNo))).toEqual([true, false, true])
  })

  it('refuses an edit of an unknown or malformed number', async () => {
    const unknown = await call(rig.proxy, 'PUT', '/api/registrations/9000000001', {
      student: { firstName: 'X' },
    })
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } })
    const bad = await call(rig.proxy, 'PUT', '/api/registrations/00x', { student: { firstName: 'X' } })
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', field: 'employeeNo' } },
    })
  })

  it('removes the student from chosen devices, then from the rest; only admins may', async () => {
    const token = await operatorToken(rig.proxy)
    const forbidden = await call(rig.proxy, 'DELETE', `/api/registrations/${employeeNo}`, undefined, token)
    expect(forbidden.status).toBe(403)
    const [a, , c] = rig.devices
    const one = await call<Registration>(
      rig.proxy,
      'DELETE',
      `/api/registrations/${employeeNo}?deviceIds=${c?.id}`,
    )
    expect(one.status).toBe(200)
    expect(one.body.devices).toEqual([{ deviceId: c?.id, status: 'SUCCESS' }])
    expect(rig.terminals.map((t) => peopleOn(t).includes(employeeNo))).toEqual([true, false, false])

    const rest = await call<Registration>(rig.proxy, 'DELETE', `/api/registrations/${employeeNo}`)
    expect(rest.body.devices).toEqual([{ deviceId: a?.id, status: 'SUCCESS' }])
    expect(rig.terminals.map((t) => t.state.users.size + t.state.faces.size)).toEqual([0, 0, 0])
    const empty = await call(rig.proxy, 'DELETE', `/api/registrations/${employeeNo}?deviceIds=`)
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } })
  })
})
