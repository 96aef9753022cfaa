import { describe, expect, it } from 'vitest'
import type { StudentDeviceStatus } from '../../../../../shared/api/backend'
import type { Device } from '../../../../../shared/api/devices'
import { deviceFixture } from '../../../../helpers/device-fixture'
import { TerminalBook } from '../../../../../proxy/domain/terminal-states/terminal-book'
import { openMemoryDatabase } from '../../../../../proxy/store/db'
import { TerminalStatesRepo } from '../../../../../proxy/store/terminal-states-repo'

const device = deviceFixture

function bookAt(clock: { now: Date }, devices: Device[]) {
  const repo = new TerminalStatesRepo(openMemoryDatabase())
  return new TerminalBook(repo, { list: () => devices }, () => clock.now)
}

const school = (over: Partial<StudentDeviceStatus>): StudentDeviceStatus => ({
  backendDeviceId: 'b-1',
  name: 'Kirish',
  serial: null,
  status: 'SUCCESS',
  lastError: null,
  updatedAt: '2026-12-01T08:00:00.000Z',
  ...over,
})

describe('the terminal book', () => {
  it('shows every terminal in registry order, unknown where no source has seen the student', () => {
    const clock = { now: new Date('2026-12-07T10:00:00.000Z') }
    const book = bookAt(clock, [device('a', 'Chiqish'), device('b', 'Kirish')])
    book.note('live-check', [
      { employeeNo: '4820193746', deviceId: 'b', state: 'present', name: 'Aliyev Vali' },
    ])
    clock.now = new Date('2026-12-07T10:01:30.000Z')
    expect(book.view(['4820193746']).get('4820193746')).toEqual([
      { deviceId: 'a', deviceName: 'Chiqish', state: 'unknown', source: null, at: null, ageSec: null },
      {
        deviceId: 'b',
        deviceName: 'Kirish',
        state: 'present',
        source: 'live-check',
        at: '2026-12-07T10:00:00.000Z',
        ageSec: 90,
      },
    ])
    expect(book.nameOf('4820193746')).toBe('Aliyev Vali')
    expect(book.holding('4820193746')).toEqual(['b'])
  })

  it('lets a newer fact replace an older one, never the other way round', () => {
    const clock = { now: new Date('2026-12-07T10:00:00.000Z') }
    const book = bookAt(clock, [device('a', 'Kirish')])
    book.note('removal', [{ employeeNo: '1', deviceId: 'a', state: 'absent' }])
    book.note('copy', [{ employeeNo: '1', deviceId: 'a', state: 'present', at: '2026-12-07T09:00:00.000Z' }])
    expect(book.view(['1']).get('1')?.[0]).toMatchObject({ state: 'absent', source: 'removal' })
    book.note('fix', [{ employeeNo: '1', deviceId: 'a', state: 'no_face', at: '2026-12-07T11:00:00.000Z' }])
    expect(book.view(['1']).get('1')?.[0]).toMatchObject({ state: 'no_face', source: 'fix' })
    expect(book.holding('1')).toEqual(['a'])
  })

  it("uses the school server's record only where the proxy knows nothing, matched by backend id or serial", () => {
    const clock = { now: new Date('2026-12-07T10:00:00.000Z') }
    const devices = [
      device('a', 'Kirish', { backendId: 'b-1' }),
      device('b', 'Chiqish', { deviceId: 'DS-2' }),
      device('c', 'Zal'),
    ]
    const book = bookAt(clock, devices)
    book.note('removal', [{ employeeNo: '7', deviceId: 'a', state: 'absent' }])
    const records = [
      school({ backendDeviceId: 'b-1', status: 'SUCCESS' }),
      school({ backendDeviceId: 'b-2', serial: 'DS-2', status: 'FAILED', lastError: 'Xotira toʻla' }),
    ]
    const row = book.view(['7'], () => records).get('7') ?? []
    expect(row.map((cell) => [cell.state, cell.source])).toEqual([
      ['absent', 'removal'],
      ['failed', 'school-server'],
      ['unknown', null],
    ])
    expect(row[1]?.error).toEqual({ code: 'school_server', message: 'Xotira toʻla' })
  })

  it('forgets what it knew of a terminal that left the registry', () => {
    const clock = { now: new Date('2026-12-07T10:00:00.000Z') }
    const book = bookAt(clock, [device('a', 'Kirish')])
    book.note('copy', [{ employeeNo: '1', deviceId: 'a', state: 'present' }])
    book.forgetDevice('a')
    expect(book.holding('1')).toEqual([])
  })
})
