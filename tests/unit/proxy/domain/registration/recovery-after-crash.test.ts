import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { normalizeFace } from '../../../../../proxy/images/normalize'
import { SagasRepo } from '../../../../../proxy/store/sagas-repo'
import {
  detailsOf,
  EMPTY,
  failure,
  holdings,
  photo,
  request,
  sagaRig,
  type SagaRig,
  STUDENT,
} from './saga-rig'

let rig: SagaRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

const NOW = () => new Date().toISOString()

/**
 * What a proxy killed mid-saga leaves behind, built step by step the way the saga logs it: the step is
 * stored as sent, the device is written, the step is stored as done (or the process dies before that).
 */
async function crashedRegistration(r: SagaRig, employeeNo: string, clientId: string, faceOn: number[]) {
  const sagas = new SagasRepo(r.db)
  const sagaId = randomUUID()
  const jpeg = (await normalizeFace(await photo())).jpeg
  const { employeeNo: _unused, ...student } = STUDENT
  sagas.create({
    id: sagaId,
    kind: 'register',
    clientId,
    employeeNo,
    state: 'running',
    plan: { student, deviceIds: r.devices.map((d) => d.id) },
    faceJpeg: jpeg,
    createdAt: NOW(),
  })
  for (const [i, device] of r.devices.entries()) {
    const client = r.domain.clients.get(device.id)
    const create = sagas.beginStep(sagaId, device.id, 'create-user', NOW())
    await client.addUser({ employeeNo, name: 'Gʻulomov Oʻtkir' })
    sagas.endStep(sagaId, device.id, create, 'done', null, NOW())
    if (faceOn.includes(i)) {
      sagas.beginStep(sagaId, device.id, 'upload-face', NOW())
      await client.addFace(employeeNo, jpeg)
      // killed here: the upload reached the device, its end was never stored
    }
  }
  return sagaId
}

describe('a saga left unfinished by a killed proxy is finished at the next start', () => {
  it('undoes a half-written registration on every device and answers its clientId with the failure', async () => {
    rig = await sagaRig()
    const clientId = randomUUID()
    await crashedRegistration(rig, '7001002003', clientId, [0, 2])
    expect(holdings(rig.terminals).map((h) => h.users)).toEqual([
      ['7001002003'],
      ['7001002003'],
      ['7001002003'],
    ])

    const restarted = rig.restart()
    await restarted.registrations.recover()

    expect(holdings(rig.terminals)).toEqual([EMPTY, EMPTY, EMPTY])
    const error = await failure(restarted.registrations.register(await request(rig.devices, { clientId })))
    expect(error.code).toBe('internal')
    expect(error.message).toMatch(/stopped in the middle/)
    expect(detailsOf(error)).toMatchObject({ employeeNo: '7001002003', status: 'FAILED' })
    expect(detailsOf(error).devices.map((d) => d.status)).toEqual([
      'ROLLED_BACK',
      'ROLLED_BACK',
      'ROLLED_BACK',
    ])
  })

  it('answers conflict for that clientId while a device is still unreachable, and finishes once it is back', async () => {
    rig = await sagaRig()
    const clientId = randomUUID()
    await crashedRegistration(rig, '7001002004', clientId, [1])
    await rig.terminals[1]?.setOffline(true)

    const restarted = rig.restart()
    await restarted.registrations.recover()
    expect(holdings(rig.terminals)[0]).toEqual(EMPTY)
    expect(holdings(rig.terminals)[2]).toEqual(EMPTY)
    const open = await failure(restarted.registrations.register(await request(rig.devices, { clientId })))
    expect(open.code).toBe('internal')
    expect(detailsOf(open).devices[1]).toMatchObject({
      status: 'FAILED',
      error: { code: 'device_unreachable' },
    })

    await rig.terminals[1]?.setOffline(false)
    await restarted.registrations.recover()
    expect(holdings(rig.terminals)).toEqual([EMPTY, EMPTY, EMPTY])
    expect(rig.db.prepare("SELECT COUNT(*) AS n FROM sagas WHERE state <> 'done'").get()).toEqual({ n: 0 })
  })

  it('refuses to edit or remove the student while its earlier saga is still open', async () => {
    rig = await sagaRig({ terminals: [{}] })
    const registered = await rig.domain.registrations.register(await request(rig.devices))
    const sagas = new SagasRepo(rig.db)
    sagas.create({
      id: randomUUID(),
      kind: 'remove',
      clientId: null,
      employeeNo: registered.employeeNo,
      state: 'running',
      plan: { deviceIds: rig.devices.map((d) => d.id) },
      faceJpeg: null,
      createdAt: NOW(),
    })
    const restarted = rig.restart()
    const edit = await failure(
      restarted.registrations.edit(registered.employeeNo, { student: { firstName: 'Yangi' } }),
    )
    expect(edit.code).toBe('conflict')
    await restarted.registrations.recover()
    // the interrupted removal was finished: the student is gone from the device
    expect(holdings(rig.terminals)).toEqual([EMPTY])
  })

  it('puts back a student whose edit was killed in the middle of a recreate', async () => {
    rig = await sagaRig({ terminals: [{ model: 'ds-k1t341am' }, {}] })
    const registered = await rig.domain.registrations.register(await request(rig.devices))
    const before = rig.terminals.map((t) => t.state.faces.get(registered.employeeNo)?.jpeg)
    // an edit of the photo: the DS-K1T341AM has no FDSetUp, so it is recreated; killed after the delete
    const sagas = new SagasRepo(rig.db)
    const sagaId = randomUUID()
    const { employeeNo: _unused, ...student } = STUDENT
    sagas.create({
      id: sagaId,
      kind: 'edit',
      clientId: null,
      employeeNo: registered.employeeNo,
      state: 'running',
      plan: {
        before: { student, deviceIds: rig.devices.map((d) => d.id) },
        after: { student, deviceIds: rig.devices.map((d) => d.id) },
        faceChanged: true,
        devices: {
          [rig.devices[0]?.id as string]: { action: 'recreate' },
          [rig.devices[1]?.id as string]: { action: 'in-place', setUpFace: true },
        },
      },
      faceJpeg: null,
      createdAt: NOW(),
    })
    const first = rig.devices[0]?.id as string
    const step = sagas.beginStep(sagaId, first, 'remove-person', NOW())
    await rig.domain.clients.get(first).deleteUsers([registered.employeeNo])
    sagas.endStep(sagaId, first, step, 'done', null, NOW())
    sagas.beginStep(sagaId, first, 'create-user', NOW())
    expect(rig.terminals[0]?.state.users.has(registered.employeeNo)).toBe(false)

    await rig.restart().registrations.recover()
    for (const [i, terminal] of rig.terminals.entries()) {
      // 28 bytes of UTF-8: fits even the DS-K1T341AM's 32
      expect(terminal.state.users.get(registered.employeeNo)?.name).toBe('Gʻulomov Oʻtkir Anvarovich')
      expect(terminal.state.faces.get(registered.employeeNo)?.jpeg.equals(before[i] as Buffer)).toBe(true)
    }
  })
})
