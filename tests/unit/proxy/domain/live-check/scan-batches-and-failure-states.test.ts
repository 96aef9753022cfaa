import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../../shared/errors'
import type {
  DeviceCapabilities,
  IsapiClient,
  UserSearchPage,
  UserSearchQuery,
} from '../../../../../proxy/isapi'
import { scanDevice } from '../../../../../proxy/domain/live-check'
import { readBack } from '../../../../../proxy/domain/registration/device-ops'

interface Person {
  employeeNo: string
  name: string
  numOfFace?: number
}

/** A device that answers searches from a list, `pageMax` people per answer at most, and records them. */
function fakeDevice(people: Person[], options: { searchMaxResults?: number; pageMax?: number } = {}) {
  const searches: UserSearchQuery[] = []
  const caps = {
    accessControl: null,
    faces: null,
    users: options.searchMaxResults === undefined ? null : { searchMaxResults: options.searchMaxResults },
  } as unknown as DeviceCapabilities
  const client = {
    capabilities: async () => caps,
    async searchUsers(query: UserSearchQuery = {}): Promise<UserSearchPage> {
      searches.push(query)
      const wanted = new Set(query.employeeNos ?? [])
      const matching = people.filter((p) => wanted.has(p.employeeNo))
      const position = query.position ?? 0
      const size = Math.min(query.max ?? 30, options.pageMax ?? 30)
      const users = matching.slice(position, position + size)
      return {
        searchId: 'x',
        status: position + users.length < matching.length ? 'MORE' : users.length ? 'OK' : 'NO MATCH',
        total: matching.length,
        matches: users.length,
        users,
      }
    },
  } as unknown as IsapiClient
  return { client, searches }
}

const numbers = (count: number) => Array.from({ length: count }, (_, i) => String(5000 + i))

describe('scanDevice', () => {
  it('asks as many numbers per search as the device allows, 30 when it does not say', async () => {
    const people = numbers(70).map((employeeNo) => ({ employeeNo, name: 'x', numOfFace: 1 }))
    const small = fakeDevice(people, { searchMaxResults: 10 })
    await scanDevice(() => small.client, numbers(70))
    expect(small.searches.map((q) => q.employeeNos?.length)).toEqual([10, 10, 10, 10, 10, 10, 10])

    const silent = fakeDevice(people)
    const scan = await scanDevice(() => silent.client, numbers(70))
    expect(silent.searches.map((q) => q.employeeNos?.length)).toEqual([30, 30, 10])
    expect(scan.ok && [...scan.states.values()].every((s) => s === 'PRESENT')).toBe(true)
  })

  it('tells PRESENT, NO_FACE and ABSENT apart, and follows a device that pages a batch', async () => {
    const people = [
      { employeeNo: '5000', name: 'a', numOfFace: 1 },
      { employeeNo: '5001', name: 'b', numOfFace: 0 },
      { employeeNo: '5003', name: 'c' },
    ]
    const device = fakeDevice(people, { pageMax: 2 })
    const scan = await scanDevice(() => device.client, numbers(4))
    expect(scan.ok && Object.fromEntries(scan.states)).toEqual({
      '5000': 'PRESENT',
      '5001': 'NO_FACE',
      '5002': 'ABSENT',
      // firmware that does not count faces is taken at its word
      '5003': 'PRESENT',
    })
    expect(device.searches.map((q) => q.position ?? 0)).toEqual([0, 2])
  })

  it('maps login problems to CREDENTIALS_EXPIRED and everything else to OFFLINE, with the code', async () => {
    const failing = (error: unknown) => () => {
      throw error
    }
    const cases: Array<[string, string]> = [
      ['credentials_expired', 'CREDENTIALS_EXPIRED'],
      ['device_auth_failed', 'CREDENTIALS_EXPIRED'],
      ['device_locked', 'CREDENTIALS_EXPIRED'],
      ['device_unreachable', 'OFFLINE'],
      ['device_bad_response', 'OFFLINE'],
      ['host_not_allowed', 'OFFLINE'],
    ]
    for (const [code, state] of cases) {
      const scan = await scanDevice(failing(new AppError(code as never, 'no')), ['1'])
      expect(scan).toEqual({ ok: false, state, error: { code, message: 'no' } })
    }
    const odd = await scanDevice(failing(new Error('boom')), ['1'])
    expect(odd).toEqual({ ok: false, state: 'OFFLINE', error: { code: 'internal', message: 'boom' } })
  })
})

describe('readBack', () => {
  const device = (people: Person[]) => fakeDevice(people).client

  it('passes a person present, named as written, with a face', async () => {
    const client = device([{ employeeNo: '7', name: 'Karimova Malika', numOfFace: 1 }])
    await expect(readBack(client, '7', { name: 'Karimova Malika', face: true })).resolves.toEqual({})
  })

  it('fails with device_not_applied when the person, the name or the face is not what was written', async () => {
    const expectNotApplied = (promise: Promise<unknown>) =>
      expect(promise).rejects.toMatchObject({ code: 'device_not_applied', status: 502 })
    await expectNotApplied(readBack(device([]), '7', { name: 'A' }))
    await expectNotApplied(
      readBack(device([{ employeeNo: '7', name: 'B', numOfFace: 1 }]), '7', { name: 'A' }),
    )
    await expectNotApplied(
      readBack(device([{ employeeNo: '7', name: 'A', numOfFace: 0 }]), '7', { face: true }),
    )
  })

  it('cannot check the face on firmware that does not count faces, and does not pretend to', async () => {
    await expect(readBack(device([{ employeeNo: '7', name: 'A' }]), '7', { face: true })).resolves.toEqual({})
  })
})
