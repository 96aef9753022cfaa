import { describe, expect, it } from 'vitest'
import type { LiveCheckStudent, LiveState } from '../../../../shared/api'
import { createApiClient } from '../../../../web/api/client'
import { LIVE_CHECK_CHUNK, useLiveCheck } from '../../../../web/composables/useLiveCheck'
import { fakeFetch, json, PROXY } from '../fake-proxy'

const DEVICES = [
  { id: 'd-1', name: 'Kirish', online: true },
  { id: 'd-2', name: 'Chiqish', online: true },
]

function student(n: number, states: [LiveState, LiveState] = ['PRESENT', 'PRESENT']): LiveCheckStudent {
  return {
    employeeNo: String(1000 + n),
    name: `Oʻquvchi ${n}`,
    studentId: `s-${n}`,
    devices: DEVICES.map((d, i) => ({ deviceId: d.id, state: states[i] as LiveState })),
  }
}

function clientFor(routes: Parameters<typeof fakeFetch>[0]) {
  const { fetch, seen } = fakeFetch(routes)
  const api = createApiClient({ baseUrl: () => PROXY, token: () => 'tok', fetch })
  return { api, seen }
}

describe('useLiveCheck', () => {
  it('checks a class chunk by chunk until the total, and counts each state', async () => {
    const roster = Array.from({ length: 70 }, (_, i) =>
      student(i, i === 3 ? ['NO_FACE', 'PRESENT'] : i === 5 ? ['ABSENT', 'OFFLINE'] : ['PRESENT', 'PRESENT']),
    )
    roster.push({ employeeNo: null, name: 'Raqamsiz', devices: [] })
    const { api, seen } = clientFor({
      'POST /api/live-check': (request) => {
        const { offset, limit } = request.body as { offset: number; limit: number }
        return json(200, {
          students: roster.slice(offset, offset + limit),
          devices: DEVICES.map((d) => ({ ...d, online: !(d.id === 'd-2' && offset === 0) })),
          total: roster.length,
          offset,
          source: 'backend',
        })
      },
    })
    const live = useLiveCheck(api)
    await live.check({ classId: 'c-1' })

    expect(seen.map((r) => (r.body as { offset: number }).offset)).toEqual([0, 30, 60])
    expect(seen.every((r) => (r.body as { limit: number }).limit === LIVE_CHECK_CHUNK)).toBe(true)
    expect(live.checked.value).toBe(71)
    expect(live.progress.value).toBe(1)
    expect(live.running.value).toBe(false)
    expect(live.counts.value).toEqual({
      PRESENT: 137,
      NO_FACE: 1,
      ABSENT: 1,
      OFFLINE: 1,
      CREDENTIALS_EXPIRED: 0,
      notEnrolled: 1,
    })
    // a device one chunk could not reach is not called online
    expect(live.devices.value.map((d) => d.online)).toEqual([true, false])
  })

  it('keeps the error and stops when the proxy refuses', async () => {
    const { api } = clientFor({
      'POST /api/live-check': () =>
        json(503, { error: { code: 'backend_unavailable', message: 'The school server is away' } }),
    })
    const live = useLiveCheck(api)
    await live.check({ classId: 'c-1' })
    expect((live.error.value as { code: string }).code).toBe('backend_unavailable')
    expect(live.running.value).toBe(false)
    expect(live.students.value).toEqual([])
  })

  it('fixes a cell with the fresh state the proxy read back, and keeps a failed device’s reason', async () => {
    const { api, seen } = clientFor({
      'POST /api/live-check': () =>
        json(200, {
          students: [student(1, ['ABSENT', 'NO_FACE']), student(2, ['PRESENT', 'ABSENT'])],
          devices: DEVICES,
          total: 2,
          offset: 0,
          source: 'request',
        }),
      'POST /api/live-check/fix': (request) => {
        const { employeeNo, deviceIds } = request.body as { employeeNo: string; deviceIds: string[] }
        const failing = employeeNo === '1002'
        return json(200, {
          student: {
            employeeNo,
            name: 'x',
            devices: deviceIds.map((deviceId) => ({ deviceId, state: failing ? 'ABSENT' : 'PRESENT' })),
          },
          devices: DEVICES,
          actions: deviceIds.map((deviceId) => ({
            deviceId,
            wrote: 'person-and-face',
            ...(failing ? { error: { code: 'device_not_applied', message: 'not kept' } } : {}),
          })),
        })
      },
    })
    const live = useLiveCheck(api)
    await live.check({ students: [{ employeeNo: '1001' }, { employeeNo: '1002' }] })
    expect(live.missingOn('d-2')).toEqual(['1001', '1002'])

    await live.fixAllMissing('d-2')
    const fixes = seen.filter((r) => r.path === '/api/live-check/fix').map((r) => r.body)
    expect(fixes).toEqual([
      { employeeNo: '1001', deviceIds: ['d-2'], studentId: 's-1' },
      { employeeNo: '1002', deviceIds: ['d-2'], studentId: 's-2' },
    ])
    const cells = live.students.value.map((s) => s.devices.map((c) => c.state))
    expect(cells).toEqual([
      ['ABSENT', 'PRESENT'],
      ['PRESENT', 'ABSENT'],
    ])
    expect([...live.fixErrors.value]).toEqual([['1002|d-2', 'device_not_applied']])
    expect(live.fixing.value.size).toBe(0)
  })
})
