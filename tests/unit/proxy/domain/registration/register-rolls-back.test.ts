import { afterEach, describe, expect, it } from 'vitest'
import type { Fault, OpName } from '../../../../sim/terminal'
import {
  detailsOf,
  EMPTY,
  failure,
  holdings,
  request,
  sagaRig,
  type SagaRig,
  statuses,
  writesTo,
} from './saga-rig'

let rig: SagaRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

const FAULTS: Array<[OpName, Fault, string]> = [
  ['userRecord', { kind: 'error', subStatusCode: 'deviceUserFull' }, 'device_rejected'],
  ['userRecord', { kind: 'garbage' }, 'device_bad_response'],
  ['userRecord', { kind: 'drop' }, 'device_unreachable'],
  ['faceRecord', { kind: 'error', subStatusCode: 'pictureFaceDetectZero' }, 'device_rejected'],
  ['faceRecord', { kind: 'html' }, 'device_bad_response'],
  ['faceRecord', { kind: 'drop-mid-body' }, 'device_unreachable'],
]

describe('a registration that fails on one device is undone on all of them', () => {
  for (const [op, fault, code] of FAULTS) {
    for (const index of [0, 1, 2]) {
      it(`${op} answering ${fault.kind} on device ${index + 1} → ${code}, nothing left anywhere`, async () => {
        rig = await sagaRig()
        rig.terminals[index]?.setFault(op, fault)
        const error = await failure(rig.domain.registrations.register(await request(rig.devices)))

        expect(error.code).toBe(code)
        const registration = detailsOf(error)
        expect(registration.status).toBe('FAILED')
        expect(registration.devices[index]).toMatchObject({ status: 'FAILED', error: { code } })
        if (fault.kind === 'error')
          expect(registration.devices[index]?.error?.subStatusCode).toBe(fault.subStatusCode)
        for (const [i, status] of statuses(registration).entries()) {
          if (i !== index) expect(['ROLLED_BACK', 'SKIPPED']).toContain(status)
        }
        expect(holdings(rig.terminals)).toEqual([EMPTY, EMPTY, EMPTY])
      })
    }
  }

  it('gives up on a device that does not answer in time, and undoes the others', async () => {
    // the hung device never answers; the budget only has to leave the healthy ones room on a busy machine
    rig = await sagaRig({ timeouts: { faceMs: 3_000, writeMs: 3_000 } })
    rig.terminals[2]?.setFault('faceRecord', { kind: 'hang' }, { times: 1 })
    const error = await failure(rig.domain.registrations.register(await request(rig.devices)))
    expect(error.code).toBe('device_unreachable')
    expect(statuses(detailsOf(error))).toEqual(['ROLLED_BACK', 'ROLLED_BACK', 'FAILED'])
    expect(holdings(rig.terminals)).toEqual([EMPTY, EMPTY, EMPTY])
  })

  it('keeps undoing a device that went offline mid-saga until it is back', async () => {
    rig = await sagaRig()
    const flaky = rig.terminals[1]
    flaky?.setLatency('faceRecord', 400)
    const pending = failure(rig.domain.registrations.register(await request(rig.devices)))
    await waitFor(() => flaky?.stats.log.some((e) => e.op === 'faceRecord' && e.auth !== 'none') ?? false)
    await flaky?.setOffline('refuse')
    const error = await pending

    expect(error.code).toBe('device_unreachable')
    const registration = detailsOf(error)
    expect(registration.devices[1]).toMatchObject({ status: 'FAILED', error: { code: 'device_unreachable' } })
    expect(registration.devices[1]?.error?.message).toMatch(/could not be removed yet/)
    expect(holdings([rig.terminals[0], rig.terminals[2]].filter((t) => t !== undefined))).toEqual([
      EMPTY,
      EMPTY,
    ])
    const open = rig.db.prepare(`SELECT state FROM sagas`).all() as { state: string }[]
    expect(open).toEqual([{ state: 'undoing' }])

    await flaky?.setOffline(false)
    const recovered = rig
    await expect
      .poll(async () => {
        await recovered.domain.registrations.recover()
        return recovered.db.prepare(`SELECT state FROM sagas`).all()
      })
      .toEqual([{ state: 'done' }])
    expect(holdings(rig.terminals)).toEqual([EMPTY, EMPTY, EMPTY])
  })

  it('answers a retry of a failed registration with the same failure and writes nothing', async () => {
    rig = await sagaRig()
    rig.terminals[0]?.setFault(
      'faceRecord',
      { kind: 'error', subStatusCode: 'multipleFaceObjectError' },
      { times: 1 },
    )
    const body = await request(rig.devices)
    const first = await failure(rig.domain.registrations.register(body))
    const writes = rig.terminals.map(writesTo)
    const again = await failure(rig.domain.registrations.register(body))
    expect(again.toBody()).toEqual(first.toBody())
    expect(rig.terminals.map(writesTo)).toEqual(writes)
  })

  it('refuses a number already on a device as duplicate, before writing anything, and leaves that person', async () => {
    rig = await sagaRig({
      terminals: [{}, { seedUsers: [{ employeeNo: '5550001112', name: 'Boshqa odam', withFace: true }] }, {}],
    })
    const body = await request(rig.devices, { student: { employeeNo: '5550001112' } })
    const error = await failure(rig.domain.registrations.register(body))
    expect(error.code).toBe('duplicate')
    expect(statuses(detailsOf(error))).toEqual(['SKIPPED', 'FAILED', 'SKIPPED'])
    expect(rig.terminals.map(writesTo)).toEqual([0, 0, 0])
    expect(rig.terminals[1]?.state.users.get('5550001112')?.name).toBe('Boshqa odam')
    expect(rig.terminals[1]?.state.faces.has('5550001112')).toBe(true)
  })

  it('treats employeeNoAlreadyExist on create as duplicate and does not delete that person in the undo', async () => {
    rig = await sagaRig()
    const racer = rig.terminals[1]
    racer?.setLatency('userRecord', 300)
    const pending = failure(rig.domain.registrations.register(await request(rig.devices)))
    await waitFor(() => racer?.stats.log.some((e) => e.op === 'userRecord') ?? false)
    // someone else puts a person under the same number on this device while our create is on its way
    const employeeNo = (rig.db.prepare('SELECT employee_no AS no FROM sagas').get() as { no: string }).no
    racer?.state.users.set(employeeNo, { ...(racer.state.users.get(employeeNo) ?? newPerson(employeeNo)) })
    const error = await pending

    expect(error.code).toBe('duplicate')
    expect(error.extra.subStatusCode).toBe('employeeNoAlreadyExist')
    expect(detailsOf(error).devices[1]).toMatchObject({ status: 'FAILED', error: { code: 'duplicate' } })
    expect(racer?.state.users.get(employeeNo)?.name).toBe('Birovning odami')
    expect(holdings([rig.terminals[0], rig.terminals[2]].filter((t) => t !== undefined))).toEqual([
      EMPTY,
      EMPTY,
    ])
  })
})

function newPerson(employeeNo: string) {
  return {
    employeeNo,
    name: 'Birovning odami',
    userType: 'normal',
    gender: 'unknown',
    valid: {
      enable: true,
      beginTime: '2020-01-01T00:00:00',
      endTime: '2037-12-31T23:59:59',
      timeType: 'local',
    },
    doorRight: '1',
    rightPlan: [{ doorNo: 1, planTemplateNo: '1' }],
    localUIRight: false,
  }
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
