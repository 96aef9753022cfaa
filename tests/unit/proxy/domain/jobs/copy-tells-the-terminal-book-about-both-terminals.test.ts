import { afterEach, describe, expect, it } from 'vitest'
import { TerminalBook } from '../../../../../proxy/domain/terminal-states/terminal-book'
import { openMemoryDatabase } from '../../../../../proxy/store/db'
import { TerminalStatesRepo } from '../../../../../proxy/store/terminal-states-repo'
import { deviceFixture } from '../../../../helpers/device-fixture'
import { startTerminal, type Terminal } from '../../../../sim/terminal'
import { jobsOn, until } from './harness'

// A device → device copy reads every person on the source and writes them to the target: both are what
// the proxy now knows, so the Students page shows the person on both terminals, not "unknown" on one.
describe('a device → device copy and the terminal book', () => {
  const sims: Terminal[] = []
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()))
  })

  it('notes each person as present on the source and the target, and one without a face as such', async () => {
    const a = await startTerminal({
      seedUsers: [
        { employeeNo: '7200000001', name: 'Karimova Malika', withFace: true },
        { employeeNo: '7200000002', name: 'Rahimov Sardor', withFace: false },
      ],
    })
    const b = await startTerminal({})
    sims.push(a, b)
    const db = openMemoryDatabase()
    const devices = [deviceFixture('a', 'Eski kirish'), deviceFixture('b', 'Yangi kirish')]
    const book = new TerminalBook(new TerminalStatesRepo(db), { list: () => devices })
    const { jobs, close } = jobsOn(db, { a, b }, { book })
    const job = await jobs.create({
      type: 'clone-device-to-device',
      sourceDeviceId: 'a',
      targetDeviceId: 'b',
    })
    await until(jobs, job.id)
    await close()

    const states = book.view(['7200000001', '7200000002'])
    const shown = (no: string) => states.get(no)?.map((t) => [t.deviceId, t.state, t.source])
    expect(shown('7200000001')).toEqual([
      ['a', 'present', 'copy'],
      ['b', 'present', 'copy'],
    ])
    expect(shown('7200000002')?.[0]).toEqual(['a', 'no_face', 'copy'])
  })
})
