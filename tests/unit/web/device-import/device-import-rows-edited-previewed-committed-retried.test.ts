import { describe, expect, it } from 'vitest'
import type {
  DeviceImportCommitRequest,
  DeviceImportCommitResult,
  DeviceImportRow,
  DeviceImportRowResult,
  ImportCandidate,
} from '../../../../shared/api'
import { ApiError } from '../../../../web/api/errors'
import type { DeviceImportApi } from '../../../../web/api/device-import'
import { COMMIT_BATCH, createDeviceImport } from '../../../../web/composables/useDeviceImport'

function candidate(n: number, name = `Familiya${n} Ism${n}`): ImportCandidate {
  const [lastName = '', firstName = ''] = name.split(' ')
  return {
    employeeNo: String(8_000_000_000 + n),
    deviceName: name,
    lastName,
    firstName,
    fatherName: '',
    gender: null,
    hasFace: true,
    facePath: null,
  }
}

/** A school server in memory: class "bad" is unknown; faces of `photoFails` cannot be uploaded. */
function fakeApi(candidates: ImportCandidate[], photoFails = new Set<string>()) {
  const calls: { route: 'commit' | 'retry'; request: DeviceImportCommitRequest }[] = []
  const seenKeys = new Map<string, DeviceImportCommitResult>()
  let lostAnswers = 0
  const outcome = (row: DeviceImportRow): DeviceImportRowResult => {
    const base = {
      employeeNo: row.employeeNo,
      name: `${row.lastName} ${row.firstName}`,
      reasons: [] as string[],
      code: null,
    }
    if (row.classId === 'bad')
      return { ...base, action: 'INVALID', result: 'invalid', studentId: null, reasons: ['Class not found'] }
    const studentId = row.studentId ?? `s-${row.employeeNo}`
    if (photoFails.has(row.employeeNo)) {
      return { ...base, action: 'CREATE', result: 'photo_failed', studentId, code: 'device_unreachable' }
    }
    return { ...base, action: row.studentId ? null : 'CREATE', result: 'imported', studentId }
  }
  const answer = (route: 'commit' | 'retry') => async (request: DeviceImportCommitRequest) => {
    calls.push({ route, request })
    const earlier = seenKeys.get(request.idempotencyKey)
    if (earlier) return { ...earlier, idempotent: true }
    const rows = request.rows.map(outcome)
    const result = { jobId: 'job', idempotent: false, importedCount: 0, failedCount: 0, rows }
    seenKeys.set(request.idempotencyKey, result)
    if (lostAnswers > 0) {
      lostAnswers -= 1
      throw new ApiError('network', 'proxy_timeout', 'no answer in time', null)
    }
    return result
  }
  const api: DeviceImportApi = {
    candidates: async (deviceId) => ({ deviceId, onDevice: candidates.length + 5, inSchool: 5, candidates }),
    preview: async (_deviceId, rows) => ({
      total: rows.length,
      createCount: rows.filter((r) => r.classId !== 'bad').length,
      updateCount: 0,
      invalidCount: rows.filter((r) => r.classId === 'bad').length,
      rows: rows.map((r) => ({
        employeeNo: r.employeeNo,
        action: r.classId === 'bad' ? ('INVALID' as const) : ('CREATE' as const),
        reasons: r.classId === 'bad' ? ['Class not found'] : [],
        existingStudentId: null,
      })),
    }),
    commit: answer('commit'),
    retry: answer('retry'),
  }
  return { api, calls, loseNextAnswer: () => (lostAnswers += 1) }
}

let keys = 0
const newKey = () => `key-${++keys}-xxxxxxxx`

describe('device import page state', () => {
  it('lists the candidates selected, names as guessed, and holds back rows without a class', async () => {
    const { api } = fakeApi([candidate(1), candidate(2, 'Ergashev')])
    const state = createDeviceImport({ api, deviceId: 'd1', newKey })
    await state.load()
    expect(state.phase.value).toBe('ready')
    expect(state.counts.value).toEqual({ onDevice: 7, inSchool: 5 })
    expect(state.rows.value.map((r) => [r.lastName, r.firstName, r.selected])).toEqual([
      ['Familiya1', 'Ism1', true],
      ['Ergashev', '', true],
    ])
    expect(await state.preview()).toBe(false)
    expect(state.incomplete.value).toHaveLength(2)
    state.setClassForSelected('c1')
    expect(state.incomplete.value.map((r) => r.employeeNo)).toEqual(['8000000002'])
    const row = state.rows.value[1]!
    row.firstName = 'Doniyor'
    expect(state.incomplete.value).toEqual([])
  })

  it('previews, imports in batches with progress, and leaves the invalid row out of the commit', async () => {
    const people = Array.from({ length: COMMIT_BATCH + 3 }, (_, i) => candidate(i + 1))
    const { api, calls } = fakeApi(people)
    const state = createDeviceImport({ api, deviceId: 'd1', newKey })
    await state.load()
    state.setClassForSelected('c1')
    state.rows.value[0]!.classId = 'bad'
    expect(await state.preview()).toBe(true)
    expect(state.rows.value[0]!.preview).toMatchObject({ action: 'INVALID', reasons: ['Class not found'] })
    expect(state.toImport.value).toHaveLength(COMMIT_BATCH + 2)

    await state.commit()
    expect(calls.map((c) => c.request.rows.length)).toEqual([COMMIT_BATCH, 2])
    expect(calls.flatMap((c) => c.request.rows.map((r) => r.employeeNo))).not.toContain('8000000001')
    expect(state.progress.value).toEqual({ done: COMMIT_BATCH + 2, total: COMMIT_BATCH + 2 })
    expect(state.done.value).toHaveLength(COMMIT_BATCH + 2)
    expect(state.done.value.every((r) => !r.selected)).toBe(true)
    expect(state.toImport.value).toEqual([])
  })

  it('resends a batch whose answer was lost under the same key, so nothing is imported twice', async () => {
    const { api, calls, loseNextAnswer } = fakeApi([candidate(1), candidate(2)])
    const state = createDeviceImport({ api, deviceId: 'd1', newKey })
    await state.load()
    state.setClassForSelected('c1')
    loseNextAnswer()
    await state.commit()
    expect(state.error.value).toMatchObject({ code: 'proxy_timeout' })
    expect(state.done.value).toEqual([])
    await state.commit()
    expect(calls).toHaveLength(2)
    expect(calls[1]!.request.idempotencyKey).toBe(calls[0]!.request.idempotencyKey)
    expect(state.done.value).toHaveLength(2)
    expect(state.error.value).toBeNull()
  })

  it('retries only the failed rows: the fixed invalid one in full, the photo failure with its studentId', async () => {
    const photoFails = new Set(['8000000002'])
    const { api, calls } = fakeApi([candidate(1), candidate(2), candidate(3)], photoFails)
    const state = createDeviceImport({ api, deviceId: 'd1', newKey })
    await state.load()
    state.setClassForSelected('c1')
    state.rows.value[0]!.classId = 'bad'
    await state.commit()
    expect(state.rows.value.map((r) => r.result?.result)).toEqual(['invalid', 'photo_failed', 'imported'])
    expect(state.failed.value).toHaveLength(2)

    state.rows.value[0]!.classId = 'c2'
    state.edited(state.rows.value[0]!)
    photoFails.clear()
    await state.retryFailed()
    const retry = calls.at(-1)!
    expect(retry.route).toBe('retry')
    expect(retry.request.rows).toEqual([
      { employeeNo: '8000000001', lastName: 'Familiya1', firstName: 'Ism1', classId: 'c2' },
      {
        employeeNo: '8000000002',
        lastName: 'Familiya2',
        firstName: 'Ism2',
        classId: 'c1',
        studentId: 's-8000000002',
      },
    ])
    expect(state.failed.value).toEqual([])
    expect(state.done.value).toHaveLength(3)
  })

  it('builds the report from the results: BOM, header, one line per row with its reason', async () => {
    const { api } = fakeApi([candidate(1), candidate(2)])
    const state = createDeviceImport({ api, deviceId: 'd1', newKey })
    await state.load()
    state.setClassForSelected('c1')
    state.rows.value[1]!.classId = 'bad'
    state.rows.value[1]!.lastName = '=cmd'
    await state.commit()
    const lines = state.reportCsv().split('\r\n')
    expect(lines[0]).toBe('\uFEFFemployeeNo,name,action,result,studentId,code,reason')
    expect(lines[1]).toBe('8000000001,Familiya1 Ism1,CREATE,imported,s-8000000001,,')
    expect(lines[2]).toBe("8000000002,'=cmd Ism2,INVALID,invalid,,,Class not found")
  })

  it('shows the load error (school server away) instead of an empty list', async () => {
    const { api } = fakeApi([])
    api.candidates = async () => {
      throw new ApiError('http', 'backend_unavailable', 'away', 503)
    }
    const state = createDeviceImport({ api, deviceId: 'd1', newKey })
    await state.load()
    expect(state.phase.value).toBe('failed-to-load')
    expect(state.error.value).toMatchObject({ code: 'backend_unavailable' })
  })
})
