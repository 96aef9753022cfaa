import { randomUUID } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Registration } from '../../../shared/api/registrations'
import { startTerminal, type OpName, type Terminal } from '../../sim/terminal'
import { call, photo, startRig, type Rig } from './rig'

const CAPS: OpName[] = ['accessCaps', 'userCaps', 'faceCaps']

/** Answered capability requests (a 401 challenge is not an answer). */
function capsAnswered(terminal: Terminal): number {
  return terminal.stats.log.filter((entry) => CAPS.includes(entry.op) && entry.status === 200).length
}

function searchesAnswered(terminal: Terminal): number {
  return terminal.stats.log.filter((entry) => entry.op === 'userSearch' && entry.status === 200).length
}

describe('the registration pre-flight keeps device capabilities and has every number asked before it is used', () => {
  let rig: Rig | undefined
  let face: string
  beforeAll(async () => {
    face = (await photo(480, 640)).toString('base64')
  })
  afterEach(async () => {
    await rig?.close()
    rig = undefined
  })

  const register = async (deviceIds: string[], lastName = 'Karimova') => {
    const answer = await call<Registration>(rig!.proxy, 'POST', '/api/registrations', {
      clientId: randomUUID(),
      student: { firstName: 'Dilnoza', lastName, gender: 'female' },
      face,
      deviceIds,
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    return answer.body
  }

  it('asks each device its capabilities once for several students, and every number every time', async () => {
    rig = await startRig({ terminals: [{}, { model: 'ds-k1a340fwx' }] })
    const ids = rig.devices.map((d) => d.id)
    rig.terminals.forEach((t) => t.resetStats())
    const students = 4
    for (let i = 0; i < students; i++) await register(ids)
    for (const terminal of rig.terminals) {
      expect(capsAnswered(terminal)).toBe(CAPS.length)
      // each number is asked once, by the pre-flight or by the read-back of the student before
      expect(searchesAnswered(terminal)).toBeGreaterThanOrEqual(students)
    }
  })

  it('asks a device again after it was edited, and only that device', async () => {
    rig = await startRig({ terminals: [{}, {}] })
    const [first, second] = rig.devices
    await register([first!.id, second!.id])
    rig.terminals.forEach((t) => t.resetStats())
    const edited = await call(rig.proxy, 'PATCH', `/api/devices/${first!.id}`, { name: 'Asosiy kirish' })
    expect(edited.status).toBe(200)
    await register([first!.id, second!.id])
    expect(capsAnswered(rig.terminals[0]!)).toBe(CAPS.length)
    expect(capsAnswered(rig.terminals[1]!)).toBe(0)
  })

  it('takes the new name limit of updated firmware once the connection test has seen the new firmware', async () => {
    rig = await startRig({ terminals: [{ model: 'ds-k1t342mwx' }] })
    const old = rig.terminals[0]!
    const deviceId = rig.devices[0]!.id
    const longName = 'Abdurahmonova-Ismoilova-Toshpulatova'
    const before = await register([deviceId], longName)
    expect(old.state.users.get(before.employeeNo)?.name.length).toBeGreaterThan(32)

    // the unit comes back from a firmware update at the same address with a 32-byte name limit
    const { port, username, password } = old
    await old.close()
    const updated = await startTerminal({ model: 'ds-k1t341am', port, username, password })
    rig.terminals[0] = updated
    await register([deviceId])
    expect(capsAnswered(updated)).toBe(0)

    const test = await call(rig.proxy, 'POST', `/api/devices/${deviceId}/test`)
    expect(test.status, JSON.stringify(test.body)).toBe(200)
    const after = await register([deviceId], longName)
    expect(capsAnswered(updated)).toBe(CAPS.length)
    const written = updated.state.users.get(after.employeeNo)?.name ?? ''
    expect(Buffer.byteLength(written)).toBeLessThanOrEqual(32)
    expect(written).toContain('Abdurahmonova')
  })
})
