// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createApp, defineComponent, h } from 'vue'
import type { StudentListItem } from '../../../../shared/api'
import { createApiClient } from '../../../../web/api/client'
import { apiClientKey } from '../../../../web/composables/useApi'
import { backendCells } from '../../../../web/composables/studentStates'
import { selectedStudentsCsv } from '../../../../web/composables/studentsCsv'
import { useEnrollOnTerminal } from '../../../../web/composables/useEnrollOnTerminal'
import { fakeFetch, json, PROXY } from '../fake-proxy'

function student(id: string, employeeNo: string | null, status: 'SUCCESS' | 'MISSING'): StudentListItem {
  return {
    id,
    employeeNo,
    name: `=Karimov ${id}`,
    firstName: 'Aziz',
    lastName: '=Karimov',
    fatherName: null,
    classId: 'c1',
    className: '5-A',
    photoUrl: null,
    hasPhoto: false,
    devices: [
      { backendDeviceId: 'b1', name: 'Kirish', serial: null, status, lastError: null, updatedAt: null },
    ],
    terminals: [],
  }
}

const WORDS = {
  lastName: 'Familiyasi',
  firstName: 'Ismi',
  fatherName: 'Otasining ismi',
  className: 'Sinfi',
  employeeNo: 'Raqami',
  state: {
    present: 'Bor',
    no_face: 'Yuzsiz',
    missing: 'Yoʻq',
    failed: 'Xato',
    pending: 'Kutilmoqda',
    unknown: 'Nomaʼlum',
  },
}

describe('exporting only the ticked students', () => {
  it('writes one row each with a column per terminal, safe to open in a spreadsheet', () => {
    const csv = selectedStudentsCsv(
      [student('s1', '101', 'SUCCESS'), student('s2', null, 'MISSING')],
      backendCells,
      WORDS,
    )
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFFamiliyasi,Ismi,Otasining ismi,Sinfi,Raqami,Kirish',
      "'=Karimov,Aziz,,5-A,101,Bor",
      "'=Karimov,Aziz,,5-A,,Yoʻq",
      '',
    ])
  })
})

/** Runs a composable inside an app that provides this test's proxy client. */
function withApi<T>(fetch: typeof globalThis.fetch, use: () => T): T {
  let out!: T
  const app = createApp(defineComponent({ setup: () => ((out = use()), () => h('div')) }))
  app.provide(apiClientKey, createApiClient({ baseUrl: () => PROXY, token: () => 'tok', fetch }))
  app.mount(document.createElement('div'))
  return out
}

describe('putting the ticked students on one terminal', () => {
  it('writes them one after the other, counts the refused ones and skips those with no number', async () => {
    const { fetch, seen } = fakeFetch({
      'POST /api/live-check/fix': (request) => {
        const { employeeNo } = request.body as { employeeNo: string }
        const refused = employeeNo === '102'
        return json(200, {
          student: {
            employeeNo,
            name: 'x',
            devices: [{ deviceId: 'd1', state: refused ? 'ABSENT' : 'PRESENT' }],
          },
          devices: [{ id: 'd1', name: 'Kirish', online: true }],
          actions: [
            {
              deviceId: 'd1',
              wrote: 'person-and-face',
              ...(refused ? { error: { code: 'capacity_exceeded', message: 'full' } } : {}),
            },
          ],
        })
      },
    })
    const onTerminal = withApi(fetch, useEnrollOnTerminal)
    await onTerminal.enroll(
      [student('s1', '101', 'MISSING'), student('s2', '102', 'MISSING'), student('s3', null, 'MISSING')],
      'd1',
    )
    expect(onTerminal.outcomes.value).toEqual([
      { studentId: 's1', result: 'done', code: null },
      { studentId: 's2', result: 'failed', code: 'capacity_exceeded' },
      { studentId: 's3', result: 'noNumber', code: null },
    ])
    expect([onTerminal.done.value, onTerminal.failed.value, onTerminal.noNumber.value]).toEqual([3, 1, 1])
    expect(onTerminal.running.value).toBe(false)
    expect(seen.map((r) => r.body)).toEqual([
      { employeeNo: '101', deviceIds: ['d1'], studentId: 's1' },
      { employeeNo: '102', deviceIds: ['d1'], studentId: 's2' },
    ])
  })

  it('counts a student as refused when the proxy cannot be reached', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch')
    }) as typeof globalThis.fetch
    const onTerminal = withApi(fetch, useEnrollOnTerminal)
    await onTerminal.enroll([student('s1', '101', 'MISSING')], 'd1')
    expect(onTerminal.outcomes.value).toEqual([
      { studentId: 's1', result: 'failed', code: 'proxy_unreachable' },
    ])
  })
})
