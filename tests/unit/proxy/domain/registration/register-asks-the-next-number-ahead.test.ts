import { afterEach, describe, expect, it, vi } from 'vitest'
import { newUser } from '../../../../sim/terminal/state'
import type { Terminal } from '../../../../sim/terminal'
import type { Domain } from '../../../../../proxy/domain/domain'
import { failure, holdings, request, sagaRig, type SagaRig, type SagaRigOptions } from './saga-rig'

let rig: SagaRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

/** A rig whose numbers come from `draws`, after its first student; the devices' logs start after it. */
async function afterFirstStudent(
  terminals: SagaRigOptions['terminals'],
  draws: string[],
): Promise<{ domain: Domain; started: SagaRig }> {
  const started = await sagaRig({ terminals })
  rig = started
  const domain = started.restart({ drawEmployeeNo: () => draws.shift() ?? '9999999999' })
  await domain.registrations.register(await request(started.devices))
  started.terminals.forEach((t) => t.resetStats())
  return { domain, started }
}

/** The operations the device answered (challenges left out), in order. */
function answered(terminal: Terminal): string[] {
  return terminal.stats.log.filter((entry) => entry.status !== 401).map((entry) => entry.op)
}

describe('a run of students: the next number is asked in the read-back of the one before', () => {
  it('costs each device one search per student after the first, and still uses a number it has asked', async () => {
    const { domain, started } = await afterFirstStudent(
      [{}, { model: 'ds-k1a340fwx' }],
      ['1111111111', '2222222222', '3333333333', '4444444444'],
    )
    const second = await domain.registrations.register(await request(started.devices))
    expect(second.employeeNo).toBe('2222222222')
    for (const terminal of started.terminals) {
      // no pre-flight search: create, face, then the read-back that also asks about 3333333333
      expect(answered(terminal)).toEqual(['userRecord', 'faceRecord', 'userSearch'])
    }
    expect((await domain.registrations.register(await request(started.devices))).employeeNo).toBe(
      '3333333333',
    )
  })

  it('a student sent while the one before is being written waits for that read-back instead of asking beside it', async () => {
    const { domain, started } = await afterFirstStudent(
      [{ latency: { faceRecord: 150 } }, { latency: { faceRecord: 300 } }],
      ['1111111111', '2222222222', '3333333333', '4444444444'],
    )
    const second = domain.registrations.register(await request(started.devices))
    await vi.waitFor(() => {
      for (const terminal of started.terminals) expect(answered(terminal)).toContain('userRecord')
    })
    const third = domain.registrations.register(await request(started.devices))

    expect([(await second).employeeNo, (await third).employeeNo]).toEqual(['2222222222', '3333333333'])
    for (const terminal of started.terminals) {
      expect(answered(terminal)).toEqual([
        ...['userRecord', 'faceRecord', 'userSearch'],
        ...['userRecord', 'faceRecord', 'userSearch'],
      ])
    }
  })

  it('asks again, and draws another number, when the device holds the number drawn ahead', async () => {
    const { domain, started } = await afterFirstStudent(
      [{ seedUsers: [{ employeeNo: '2222222222', name: 'Eski odam' }] }, {}],
      ['1111111111', '2222222222', '3333333333', '4444444444'],
    )
    const second = await domain.registrations.register(await request(started.devices))
    expect(second.employeeNo).toBe('3333333333')
    // the device that holds 2222222222 is asked in the pre-flight; the other one had said it was free
    expect(answered(started.terminals[0] as Terminal).slice(0, 2)).toEqual(['userSearch', 'userSearch'])
    expect(started.terminals[0]?.state.users.get('2222222222')?.name).toBe('Eski odam')
    expect(holdings(started.terminals).map((h) => h.users.includes('2222222222'))).toEqual([true, false])
  })

  it('overwrites nobody put under that number by hand in the seconds between: duplicate, nothing written', async () => {
    const { domain, started } = await afterFirstStudent([{}, {}], ['1111111111', '2222222222', '3333333333'])
    started.terminals[1]?.state.users.set('2222222222', newUser('2222222222', 'Qoʻlda qoʻshilgan'))

    const error = await failure(domain.registrations.register(await request(started.devices)))
    expect(error.code).toBe('duplicate')
    expect(started.terminals[1]?.state.users.get('2222222222')?.name).toBe('Qoʻlda qoʻshilgan')
    expect(started.terminals[0]?.state.users.has('2222222222')).toBe(false)
  })
})
