import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { Terminal } from '../../../../sim/terminal'
import {
  detailsOf,
  EMPTY,
  failure,
  holdings,
  photo,
  request,
  sagaRig,
  type SagaRig,
  statuses,
} from './saga-rig'

let rig: SagaRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

const opsOf = (terminal: Terminal | undefined) =>
  (terminal?.stats.log ?? []).filter((e) => e.auth !== 'none' && e.status === 200).map((e) => e.op)
const WRITES = ['userRecord', 'userModify', 'userDelete', 'faceRecord', 'faceSetUp', 'faceDelete']
const writeOps = (terminal: Terminal | undefined) => opsOf(terminal).filter((op) => WRITES.includes(op))

async function registered(r: SagaRig, devices = r.devices) {
  const registration = await r.domain.registrations.register(await request(devices))
  r.terminals.forEach((t) => t.resetStats())
  return registration
}

describe('editing a registered student', () => {
  it('renames in place with Modify where the device supports it', async () => {
    rig = await sagaRig({ terminals: [{}, {}] })
    const { employeeNo } = await registered(rig)
    const edited = await rig.domain.registrations.edit(employeeNo, { student: { firstName: 'Jasur' } })

    expect(edited).toMatchObject({ status: 'SUCCESS', name: 'Gʻulomov Jasur Anvarovich' })
    for (const terminal of rig.terminals) {
      expect(terminal.state.users.get(employeeNo)?.name).toBe('Gʻulomov Jasur Anvarovich')
      expect(writeOps(terminal)).toEqual(['userModify'])
    }
  })

  it('replaces the photo with FDSetUp where supported, and recreates the person where not', async () => {
    rig = await sagaRig({ terminals: [{ model: 'ds-k1t342mwx' }, { model: 'ds-k1t341am' }] })
    const { employeeNo } = await registered(rig)
    const old = rig.terminals[0]?.state.faces.get(employeeNo)?.jpeg
    await rig.domain.registrations.edit(employeeNo, {}, (await photo(1)).toString('base64'))

    expect(writeOps(rig.terminals[0])).toEqual(['faceSetUp'])
    expect(writeOps(rig.terminals[1])).toEqual(['faceDelete', 'userDelete', 'userRecord', 'faceRecord'])
    const [a, b] = rig.terminals.map((t) => t.state.faces.get(employeeNo)?.jpeg)
    expect(a?.equals(old as Buffer)).toBe(false)
    expect(a?.equals(b as Buffer)).toBe(true)
    expect(rig.terminals[1]?.state.users.get(employeeNo)?.name).toBe('Gʻulomov Oʻtkir Anvarovich')
  })

  it('writes the student onto added devices and removes it from devices left out', async () => {
    rig = await sagaRig()
    const [a, b, c] = rig.devices
    const { employeeNo } = await registered(
      rig,
      [a, b].filter((d) => d !== undefined),
    )
    const edited = await rig.domain.registrations.edit(employeeNo, { deviceIds: [b?.id, c?.id] })

    expect(edited.status).toBe('SUCCESS')
    expect(holdings(rig.terminals)).toEqual([
      EMPTY,
      { users: [employeeNo], faces: [employeeNo] },
      { users: [employeeNo], faces: [employeeNo] },
    ])
    expect(writeOps(rig.terminals[1])).toEqual([])
    const again = await rig.domain.registrations.remove(employeeNo)
    expect(again.devices.map((d) => d.deviceId)).toEqual([b?.id, c?.id])
  })

  it('puts every device back as it was when one device fails in the middle', async () => {
    rig = await sagaRig({ terminals: [{ model: 'ds-k1t342mwx' }, { model: 'ds-k1t341am' }] })
    const { employeeNo } = await registered(rig)
    const before = holdings(rig.terminals)
    const faces = rig.terminals.map((t) => t.state.faces.get(employeeNo)?.jpeg)
    rig.terminals[1]?.setFault('faceRecord', { kind: 'error', subStatusCode: 'faceLowQulity' }, { times: 1 })

    const error = await failure(
      rig.domain.registrations.edit(
        employeeNo,
        { student: { lastName: 'Karimov' } },
        (await photo(2)).toString('base64'),
      ),
    )
    expect(error).toMatchObject({ code: 'device_rejected' })
    expect(statuses(detailsOf(error))).toEqual(['ROLLED_BACK', 'FAILED'])
    expect(holdings(rig.terminals)).toEqual(before)
    for (const [i, terminal] of rig.terminals.entries()) {
      expect(terminal.state.users.get(employeeNo)?.name).toBe('Gʻulomov Oʻtkir Anvarovich')
      expect(terminal.state.faces.get(employeeNo)?.jpeg.equals(faces[i] as Buffer)).toBe(true)
    }
    // the registration still describes the old student, so the edit can simply be tried again
    const retried = await rig.domain.registrations.edit(employeeNo, { student: { lastName: 'Karimov' } })
    expect(retried.name).toBe('Karimov Oʻtkir Anvarovich')
  })

  it('removes the student again from a device it was being added to when that device fails', async () => {
    rig = await sagaRig()
    const [a, b, c] = rig.devices
    const { employeeNo } = await registered(
      rig,
      [a, b].filter((d) => d !== undefined),
    )
    rig.terminals[2]?.setFault('faceRecord', { kind: 'garbage' })
    const error = await failure(
      rig.domain.registrations.edit(employeeNo, { deviceIds: [a?.id, b?.id, c?.id] }),
    )
    expect(error.code).toBe('device_bad_response')
    expect(holdings(rig.terminals)[2]).toEqual(EMPTY)
    expect(holdings(rig.terminals)[0]?.users).toEqual([employeeNo])
  })

  it('refuses to take over a device where another person already has the number', async () => {
    rig = await sagaRig({ terminals: [{}, {}] })
    const [a, b] = rig.devices
    const { employeeNo } = await registered(
      rig,
      [a].filter((d) => d !== undefined),
    )
    const original = rig.terminals[0]?.state.users.get(employeeNo)
    if (!original) throw new Error('the student should be on the first device')
    rig.terminals[1]?.state.users.set(employeeNo, { ...original, name: 'Begona' })
    const error = await failure(rig.domain.registrations.edit(employeeNo, { deviceIds: [a?.id, b?.id] }))
    expect(error.code).toBe('duplicate')
    expect(rig.terminals[1]?.state.users.get(employeeNo)?.name).toBe('Begona')
  })

  it('answers a retried edit with its first answer, and refuses unknown or bad numbers and empty edits', async () => {
    rig = await sagaRig({ terminals: [{}] })
    const { employeeNo } = await registered(rig)
    const clientId = randomUUID()
    const first = await rig.domain.registrations.edit(employeeNo, {
      clientId,
      student: { firstName: 'Sardor' },
    })
    const writes = writeOps(rig.terminals[0]).length
    expect(
      await rig.domain.registrations.edit(employeeNo, { clientId, student: { firstName: 'Boshqa' } }),
    ).toEqual(first)
    expect(writeOps(rig.terminals[0])).toHaveLength(writes)

    expect(
      (await failure(rig.domain.registrations.edit('9999999999', { student: { firstName: 'X' } }))).code,
    ).toBe('not_found')
    expect(
      (await failure(rig.domain.registrations.edit('12a', { student: { firstName: 'X' } }))).extra.field,
    ).toBe('employeeNo')
    expect((await failure(rig.domain.registrations.edit(employeeNo, {}))).code).toBe('validation_failed')
    expect(
      (await failure(rig.domain.registrations.edit(employeeNo, { student: { firstName: '' } }))).extra.field,
    ).toBe('student.firstName')
  })
})
