import { randomUUID } from 'node:crypto'
import { FormData } from 'undici'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Registration } from '../../../shared/api/registrations'
import type { OpName } from '../../sim/terminal'
import { call, peopleOn, photo, startRig, writesTo, type Rig } from './rig'

interface Refusal {
  error: { code: string; message: string; field?: string; subStatusCode?: string; details?: Registration }
}

describe('POST /api/registrations on the real proxy with three simulated terminals', () => {
  let rig: Rig
  let face: string
  beforeAll(async () => {
    rig = await startRig({ terminals: [{}, { model: 'ds-k1a340fwx' }, { model: 'ds-k1t341am' }] })
    face = (await photo()).toString('base64')
  })
  afterAll(() => rig?.close())
  beforeEach(() => rig.terminals.forEach((t) => t.clearFaults()))

  const body = (over: Record<string, unknown> = {}) => ({
    clientId: randomUUID(),
    student: { firstName: 'Shahnoza', lastName: 'Ergasheva', fatherName: 'Rustamovna', gender: 'female' },
    face,
    deviceIds: rig.devices.map((d) => d.id),
    ...over,
  })

  it('registers the student on all three devices: 201 with every device SUCCESS', async () => {
    const answer = await call<Registration>(rig.proxy, 'POST', '/api/registrations', body())
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ status: 'SUCCESS', backend: { status: 'off' } })
    expect(answer.body.devices.map((d) => d.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS'])
    for (const terminal of rig.terminals) {
      expect(terminal.state.users.get(answer.body.employeeNo)?.name).toBe('Ergasheva Shahnoza Rustamovna')
      expect(terminal.state.faces.has(answer.body.employeeNo)).toBe(true)
    }
  })

  it('takes the same request as multipart, with a face file part and a data JSON part', async () => {
    const { face: _base64, ...data } = body()
    const form = new FormData()
    form.set('data', JSON.stringify(data))
    form.set('face', new Blob([new Uint8Array(await photo(720, 960))], { type: 'image/jpeg' }), 'face.jpg')
    const response = await rig.proxy.fetch('/api/registrations', {
      method: 'POST',
      headers: { authorization: `Bearer ${rig.proxy.adminToken}` },
      body: form,
    })
    const registration = (await response.json()) as Registration
    expect(response.status, JSON.stringify(registration)).toBe(201)
    for (const terminal of rig.terminals) expect(peopleOn(terminal)).toContain(registration.employeeNo)
  })

  it('answers a repeated clientId with the first answer and no new writes on any device', async () => {
    const request = body()
    const first = await call<Registration>(rig.proxy, 'POST', '/api/registrations', request)
    const writes = rig.terminals.map(writesTo)
    const again = await call<Registration>(rig.proxy, 'POST', '/api/registrations', request)
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect(rig.terminals.map(writesTo)).toEqual(writes)
  })

  for (const op of ['userRecord', 'faceRecord'] as OpName[]) {
    for (const index of [0, 1, 2]) {
      it(`rolls back everywhere when ${op} fails on device ${index + 1}`, async () => {
        const before = rig.terminals.map(peopleOn)
        rig.terminals[index]?.setFault(op, {
          kind: 'error',
          subStatusCode: op === 'userRecord' ? 'deviceUserFull' : 'faceLowQulity',
        })
        const answer = await call<Refusal>(rig.proxy, 'POST', '/api/registrations', body())

        expect(answer.status).toBe(422)
        expect(answer.body.error).toMatchObject({ code: 'device_rejected', details: { status: 'FAILED' } })
        const devices = answer.body.error.details?.devices ?? []
        expect(devices[index]).toMatchObject({ status: 'FAILED', error: { code: 'device_rejected' } })
        expect(devices.filter((d) => d.status === 'SUCCESS')).toEqual([])
        expect(rig.terminals.map(peopleOn)).toEqual(before)
        expect(rig.terminals.map((t) => [...t.state.faces.keys()].length)).toEqual(
          before.map((p) => p.length),
        )
      })
    }
  }

  it('refuses bad requests with a stable code and writes nothing', async () => {
    const writes = rig.terminals.map(writesTo)
    const post = (payload: string, type = 'application/json') =>
      rig.proxy.fetch('/api/registrations', {
        method: 'POST',
        headers: { authorization: `Bearer ${rig.proxy.adminToken}`, 'content-type': type },
        body: payload,
      })
    const expectations: Array<
      [Promise<Response> | Promise<import('undici').Response>, number, string, string?]
    > = [
      [post('{"clientId": '), 400, 'validation_failed', 'body'],
      [post(JSON.stringify(body({ deviceIds: ['ghost'] }))), 404, 'not_found', 'deviceIds'],
      [
        post(JSON.stringify(body({ face: Buffer.from('GIF89a' + 'x'.repeat(400)).toString('base64') }))),
        422,
        'image_invalid',
      ],
      [post(JSON.stringify(body({ clientId: 'not-a-uuid' }))), 400, 'validation_failed', 'clientId'],
      [
        post(
          '--x\r\nContent-Disposition: form-data; name="face"\r\n\r\nabc\r\n--x--\r\n',
          'multipart/form-data; boundary=x',
        ),
        400,
        'validation_failed',
        'data',
      ],
    ]
    for (const [pending, status, code, field] of expectations) {
      const response = await pending
      const answer = (await response.json()) as Refusal
      expect([response.status, answer.error.code]).toEqual([status, code])
      if (field) expect(answer.error.field).toBe(field)
    }
    const huge = await rig.proxy.fetch('/api/registrations', {
      method: 'POST',
      headers: { authorization: `Bearer ${rig.proxy.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body({ face: 'A'.repeat(16 * 1024 * 1024) })),
    })
    expect(huge.status).toBe(413)
    expect(rig.terminals.map(writesTo)).toEqual(writes)
  })
})
