import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, eventually, photo, startRig, type Rig } from '../registration/rig'

interface Refusal {
  error: { code: string; details?: { employeeNos?: string[] } }
}

// The attack review: a device entry removed while an undo was still owed left the student on the terminal
// for ever, known to no one. The real proxy and a simulated terminal that fails the face, then the undo.
describe('removing a device entry while an undo is still owed on it', () => {
  let rig: Rig
  let employeeNo = ''
  beforeAll(async () => {
    rig = await startRig({ terminals: [{}] })
  }, 60_000)
  afterAll(async () => rig?.close())

  it('is refused with device_undo_pending naming the student, and the entry stays', async () => {
    const terminal = rig.terminals[0]
    terminal?.setFault('faceRecord', { kind: 'error', subStatusCode: 'deviceUserAlreadyExistFace' })
    terminal?.setFault('userDelete', { kind: 'drop' })
    terminal?.setFault('faceDelete', { kind: 'drop' })
    const answer = await call<{ error: { details?: { employeeNo?: string } } }>(
      rig.proxy,
      'POST',
      '/api/registrations',
      {
        clientId: randomUUID(),
        student: { firstName: 'Malika', lastName: 'Yusupova', gender: 'female' },
        face: (await photo(480, 640)).toString('base64'),
        deviceIds: [rig.devices[0]?.id],
      },
    )
    expect(answer.status).toBeGreaterThanOrEqual(400)
    employeeNo = [...(terminal?.state.users.keys() ?? [])][0] ?? ''
    expect(employeeNo).not.toBe('')

    const removed = await call<Refusal>(rig.proxy, 'DELETE', `/api/devices/${rig.devices[0]?.id}`)
    expect(removed.status).toBe(409)
    expect(removed.body.error).toMatchObject({
      code: 'device_undo_pending',
      details: { employeeNos: [employeeNo] },
    })
    expect((await call<unknown[]>(rig.proxy, 'GET', '/api/devices')).body).toHaveLength(1)
  })

  it('finishes the owed undo first when asked, then removes the entry, leaving nobody on the terminal', async () => {
    const terminal = rig.terminals[0]
    terminal?.clearFaults()
    const removed = await call(rig.proxy, 'DELETE', `/api/devices/${rig.devices[0]?.id}?finishFirst=1`)
    expect(removed.status).toBe(204)
    await eventually(() => !terminal?.state.users.has(employeeNo), 'the student taken off the terminal')
    expect((await call<unknown[]>(rig.proxy, 'GET', '/api/devices')).body).toHaveLength(0)
  })
})
