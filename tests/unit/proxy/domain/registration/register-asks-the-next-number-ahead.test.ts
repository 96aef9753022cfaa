import { afterEach, describe, expect, it } from 'vitest'
import { newUser } from '../../../../sim/terminal/state'
import type { Terminal } from '../../../../sim/terminal'
import { failure, holdings, request, sagaRig, type SagaRig } from './saga-rig'

let rig: SagaRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

/** The operations the device answered (challenges left out), in order. */
function answered(terminal: Terminal): string[] {
  return terminal.stats.log.filter((entry) => entry.status !== 401).map((entry) => entry.op)
}

describe('a run of students: the next number is asked in the read-back of the one before', () => {
  it('costs each device one search per student after the first, and still uses a number it has asked', async () => {
    rig = await sagaRig({ terminals: [{}, { model: 'ds-k1a340fwx' }] })
    const draws = ['1111111111', '2222222222', '3333333333', '4444444444']
    const domain = rig.restart({ drawEmployeeNo: () => draws.shift() ?? '9999999999' })
    await domain.registrations.register(await request(rig.devices))
    rig.terminals.forEach((t) => t.resetStats())

    const second = await domain.registrations.register(await request(rig.devices))
    expect(second.employeeNo).toBe('2222222222')
    for (const terminal of rig.terminals) {
      // no pre-flight search: create, face, then the read-back that also asks about 3333333333
      expect(answered(terminal)).toEqual(['userRecord', 'faceRecord', 'userSearch'])
    }
    expect((await domain.registrations.register(await request(rig.devices))).employeeNo).toBe('3333333333')
  })

  it('asks again, and draws another number, when the device holds the number drawn ahead', async () => {
    rig = await sagaRig({ terminals: [{ seedUsers: [{ employeeNo: '2222222222', name: 'Eski odam' }] }, {}] })
    const draws = ['1111111111', '2222222222', '3333333333', '4444444444']
    const domain = rig.restart({ drawEmployeeNo: () => draws.shift() ?? '9999999999' })
    await domain.registrations.register(await request(rig.devices))
    rig.terminals.forEach((t) => t.resetStats())

    const second = await domain.registrations.register(await request(rig.devices))
    expect(second.employeeNo).toBe('3333333333')
    // the device that holds 2222222222 is asked in the pre-flight; the other one had said it was free
    expect(answered(rig.terminals[0] as Terminal).slice(0, 2)).toEqual(['userSearch', 'userSearch'])
    expect(rig.terminals[0]?.state.users.get('2222222222')?.name).toBe('Eski odam')
    expect(holdings(rig.terminals).map((h) => h.users.includes('2222222222'))).toEqual([true, false])
  })

  it('overwrites nobody put under that number by hand in the seconds between: duplicate, nothing written', async () => {
    rig = await sagaRig({ terminals: [{}, {}] })
    const draws = ['1111111111', '2222222222', '3333333333']
    const domain = rig.restart({ drawEmployeeNo: () => draws.shift() ?? '9999999999' })
    await domain.registrations.register(await request(rig.devices))
    rig.terminals[1]?.state.users.set('2222222222', newUser('2222222222', 'Qoʻlda qoʻshilgan'))

    const error = await failure(domain.registrations.register(await request(rig.devices)))
    expect(error.code).toBe('duplicate')
    expect(rig.terminals[1]?.state.users.get('2222222222')?.name).toBe('Qoʻlda qoʻshilgan')
    expect(rig.terminals[0]?.state.users.has('2222222222')).toBe(false)
  })
})
