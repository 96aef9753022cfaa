// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { DeviceImportRowResult } from '../../../../shared/api'
import type { Locale } from '../../../../web/i18n'
import { fakeFetch, HEALTHY, json, TWO_DEVICES } from '../fake-proxy'
import { appPerTest, catchDownloads } from '../screen-fixtures'

const person = (employeeNo: string, lastName: string) => ({
  employeeNo,
  deviceName: `${lastName} Ism`,
  lastName,
  firstName: 'Ism',
  fatherName: '',
  gender: null,
  hasFace: false,
  facePath: null,
})

const CANDIDATES = {
  deviceId: 'dev-1',
  onDevice: 2,
  inSchool: 0,
  candidates: [person('7000000001', 'Karimov'), person('7000000002', 'Aliyev')],
}

/** What the school server made of each row, as the proxy answers: actions, outcomes and errors as codes. */
const RESULTS: DeviceImportRowResult[] = [
  {
    employeeNo: '7000000001',
    name: 'Karimov Ism',
    action: 'CREATE',
    result: 'no_photo',
    studentId: 's-1',
    reasons: [],
    code: null,
  },
  {
    employeeNo: '7000000002',
    name: 'Aliyev Ism',
    action: 'UPDATE',
    result: 'failed',
    studentId: null,
    reasons: [],
    code: 'backend_unavailable',
  },
]

const saved = catchDownloads()
const mountApp = appPerTest()

const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 15_000 })

/** Imports both people of a device and downloads the report the page offers afterwards. */
async function reportIn(locale: Locale) {
  const { fetch } = fakeFetch({
    ...HEALTHY,
    'GET /api/devices': () => json(200, TWO_DEVICES),
    'GET /api/classes': () => json(200, [{ id: 'c-1', name: '1-A', gradeLevel: 1 }]),
    'GET /api/devices/dev-1/import-candidates': () => json(200, CANDIDATES),
    'POST /api/device-import/commit': () =>
      json(200, { jobId: 'job-1', idempotent: false, importedCount: 1, failedCount: 1, rows: RESULTS }),
  })
  const mounted = await mountApp('/devices/dev-1/import', { fetch, token: 'tok', role: 'admin', locale })
  await until(() => expect(mounted.wrapper.findAll('[data-employee-no]')).toHaveLength(2))
  await mounted.wrapper.get('[data-field="class-for-all"]').setValue('c-1')
  const commit = mounted.wrapper.get('[data-action="commit"]')
  await until(() => expect(commit.attributes('disabled')).toBeUndefined())
  await commit.trigger('click')
  await until(() => expect(mounted.wrapper.find('[data-action="report"]').exists()).toBe(true))
  await mounted.wrapper.get('[data-action="report"]').trigger('click')
  await flushPromises()
  await until(() => expect(saved.at(-1)?.name).toMatch(/\.csv$/))
  const file = saved.at(-1)!
  const text = new TextDecoder().decode(await file.blob.arrayBuffer())
  return { name: file.name, lines: text.replace(/^\uFEFF/, '').split('\r\n') }
}

describe("a device import's report", { timeout: 30_000 }, () => {
  it('is written in Russian on a Russian screen: columns, checks, outcomes and errors in words', async () => {
    const { name, lines } = await reportIn('ru')
    expect(name).toBe('отчёт-об-импорте-dev-1.csv')
    expect(lines[0]).toBe(
      'Номер на устройстве,Имя на устройстве,Проверка,Итог,Ученик в базе школы,Ошибка,Причина от школьного сервера',
    )
    expect(lines[1]).toBe('7000000001,Karimov Ism,Новый ученик,Импортирован (на устройстве нет фото),s-1,,')
    expect(lines[2]).toMatch(
      /^7000000002,Aliyev Ism,Существующий ученик обновится,Не импортирован,,"Нет связи со школьным сервером[^"]*",$/,
    )
    expect(lines.join('\n')).not.toMatch(/employeeNo|CREATE|UPDATE|no_photo|failed|backend_unavailable/)
  })

  it('is written in Uzbek on an Uzbek screen', async () => {
    const { name, lines } = await reportIn('uz')
    expect(name).toBe('import-hisoboti-dev-1.csv')
    expect(lines[0]).toMatch(/^Qurilmadagi raqami,Qurilmadagi ismi,Tekshiruv,Natija,/)
    expect(lines.join('\n')).not.toMatch(/employeeNo|CREATE|UPDATE|no_photo|failed|backend_unavailable/)
  })
})
