import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Registration } from '../../../shared/api/registrations'
import type { OpName } from '../../sim/terminal'
import { addDevice as addJobDevice, people, startJob, waitFor, finished } from '../jobs/job-helpers'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { call, peopleOn, photo, startRig, type Rig } from './rig'

interface Refusal {
  error: { code: string; message: string; details?: Registration }
}

/** The searches a terminal answered: the pre-flight, and one read-back per person written. */
const searches = (terminal: Terminal) =>
  terminal.stats.log.filter((entry) => entry.op === 'userSearch' && entry.status === 200).length

describe('read-back: a write answered OK but not kept is a failure', { timeout: 120_000 }, () => {
  let rig: Rig
  let face: string
  beforeAll(async () => {
    rig = await startRig({ terminals: [{}, { model: 'ds-k1a340fwx' }] })
    face = (await photo()).toString('base64')
  })
  afterAll(() => rig?.close())
  beforeEach(() => rig.terminals.forEach((t) => t.clearFaults()))

  const body = () => ({
    clientId: randomUUID(),
    student: { firstName: 'Malika', lastName: 'Karimova', gender: 'female' },
    face,
    deviceIds: rig.devices.map((d) => d.id),
  })

  it('reads each person back once per device after a good registration', async () => {
    rig.terminals.forEach((t) => t.resetStats())
    const answer = await call<Registration>(rig.proxy, 'POST', '/api/registrations', body())
    expect(answer.status).toBe(201)
    // one pre-flight search and one read-back per device
    expect(rig.terminals.map(searches)).toEqual([2, 2])
  })

  for (const op of ['userRecord', 'faceRecord'] as OpName[]) {
    it(`fails with device_not_applied when ${op} is not kept, and rolls back the other device`, async () => {
      const before = rig.terminals.map(peopleOn)
      rig.terminals[1]?.setFault(op, { kind: 'not-applied' })
      const answer = await call<Refusal>(rig.proxy, 'POST', '/api/registrations', body())

      expect(answer.status).toBe(502)
      expect(answer.body.error.code).toBe('device_not_applied')
      const devices = answer.body.error.details?.devices ?? []
      expect(devices[1]).toMatchObject({ status: 'FAILED', error: { code: 'device_not_applied' } })
      expect(devices[0]?.status).toMatch(/ROLLED_BACK|SKIPPED/)
      expect(rig.terminals.map(peopleOn)).toEqual(before)
      expect(rig.terminals.map((t) => t.state.faces.size)).toEqual(before.map((p) => p.length))
    })
  }

  it('fails an edit whose rename is not kept, and puts the old name back on the other device', async () => {
    const made = await call<Registration>(rig.proxy, 'POST', '/api/registrations', body())
    expect(made.status).toBe(201)
    const no = made.body.employeeNo
    rig.terminals[1]?.setFault('userModify', { kind: 'not-applied' })
    const edit = await call<Refusal>(rig.proxy, 'PUT', `/api/registrations/${no}`, {
      student: { firstName: 'Madina', lastName: 'Karimova', gender: 'female' },
    })

    expect(edit.body.error?.code, JSON.stringify(edit.body)).toBe('device_not_applied')
    for (const terminal of rig.terminals) expect(terminal.state.users.get(no)?.name).toBe('Karimova Malika')
  })

  it('fails a removal the device answered OK and did not do, on that device only', async () => {
    const made = await call<Registration>(rig.proxy, 'POST', '/api/registrations', body())
    expect(made.status).toBe(201)
    const no = made.body.employeeNo
    rig.terminals[1]?.setFault('userDelete', { kind: 'not-applied' })
    const removal = await call<Refusal>(rig.proxy, 'DELETE', `/api/registrations/${no}`)

    expect(removal.body.error?.code, JSON.stringify(removal.body)).toBe('device_not_applied')
    expect(removal.body.error.details?.devices.map((d) => d.status)).toEqual(['SUCCESS', 'FAILED'])
    expect(rig.terminals.map((t) => t.state.users.has(no))).toEqual([false, true])
  })

  it('does not report a person deleted from the users browser while the device still holds them', async () => {
    const made = await call<Registration>(rig.proxy, 'POST', '/api/registrations', body())
    const no = made.body.employeeNo
    rig.terminals[0]?.setFault('userDelete', { kind: 'not-applied' })
    const refused = await call<Refusal>(rig.proxy, 'DELETE', `/api/devices/${rig.devices[0]?.id}/users/${no}`)

    expect(refused.status).toBe(502)
    expect(refused.body.error.code).toBe('device_not_applied')
    expect(rig.terminals[0]?.state.users.has(no)).toBe(true)
  })
})

describe('read-back in a clone job', { timeout: 120_000 }, () => {
  const sims: Terminal[] = []
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig()
  })
  afterAll(async () => {
    await rig?.close()
    await Promise.all(sims.map((sim) => sim.close()))
  })

  it('reports a person whose face the target answered OK and did not keep as failed', async () => {
    const everyone = people(4, 3_200_000_001)
    const source = await startTerminal({ seedUsers: everyone })
    const target = await startTerminal({})
    sims.push(source, target)
    const sourceId = await addJobDevice(rig.proxy, source, 'Manba')
    const targetId = await addJobDevice(rig.proxy, target, 'Nishon')
    target.setFault('faceRecord', { kind: 'not-applied' }, { times: 1 })

    const job = await startJob(rig.proxy, {
      type: 'clone-device-to-device',
      sourceDeviceId: sourceId,
      targetDeviceId: targetId,
    })
    const last = await waitFor(rig.proxy, job.id, finished)

    expect(last).toMatchObject({ state: 'done', total: 4, done: 3, failed: 1 })
    expect(last.errors).toEqual([expect.objectContaining({ code: 'device_not_applied' })])
    const failedNo = last.errors[0]?.employeeNo ?? ''
    expect(target.state.users.has(failedNo)).toBe(false)
    expect(target.state.users.size).toBe(3)
  })
})
