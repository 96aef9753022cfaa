// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Device } from '../../../../shared/api'
import type { Job, JobReport } from '../../../../shared/api/jobs'
import type { Locale } from '../../../../web/i18n'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp } from '../fake-proxy'
import { catchDownloads } from '../screen-fixtures'

const device = (id: string, name: string): Device => ({
  id,
  name,
  host: '192.168.1.64',
  port: 80,
  scheme: 'http',
  username: 'admin',
  hasPassword: true,
  credentialsExpiresAt: '2099-01-01T00:00:00.000Z',
  deviceId: null,
  backendId: null,
})

const FINISHED: Job = {
  id: 'j1a2b3c4d5',
  type: 'clone-device-to-device',
  state: 'done',
  total: 4,
  done: 1,
  skipped: 1,
  failed: 2,
  errors: [],
  startedAt: '2026-11-25T10:00:00.000Z',
  finishedAt: '2026-11-25T10:02:00.000Z',
  sourceDeviceId: 'old',
  targetDeviceId: 'new',
}

/** Each person as the proxy reports them: outcomes and reasons as codes. */
const REPORT: JobReport = [
  { employeeNo: '1001', name: 'Oʻtkir Gʻulomov', outcome: 'done' },
  { employeeNo: '1002', name: 'Aziza Karimova', outcome: 'skipped' },
  { employeeNo: '1003', name: 'Bobur Aliyev', outcome: 'failed', code: 'image_invalid' },
  { employeeNo: '1004', name: '=Sardor', outcome: 'failed', code: 'device_unreachable' },
]

let mounted: MountedApp | null = null
const saved = catchDownloads()
beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

async function click(selector: string) {
  await vi.waitFor(() => expect(document.querySelector(selector)).not.toBeNull())
  ;(document.querySelector(selector) as HTMLButtonElement).click()
  await flushPromises()
}

/** Copies one terminal onto another from the Devices page and downloads the finished job's report. */
async function reportIn(locale: Locale) {
  const proxy = fakeFetch({
    ...HEALTHY,
    'GET /api/devices': () => json(200, [device('new', 'Sport zal'), device('old', 'Eski terminal')]),
    'GET /api/jobs': () => json(200, []),
    'GET /api/jobs/capacity': () =>
      json(200, { capacity: { max: 1500, onDevice: 0, incoming: 4, fits: true } }),
    'POST /api/jobs': () => json(202, { ...FINISHED, state: 'queued', done: 0, skipped: 0, failed: 0 }),
    'GET /api/jobs/j1a2b3c4d5/events': () =>
      new Response(`event: job\nid: 1\ndata: ${JSON.stringify(FINISHED)}\n\n`, {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
      }),
    'GET /api/jobs/j1a2b3c4d5/report': () => json(200, REPORT),
  })
  vi.stubGlobal('fetch', proxy.fetch)
  mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role: 'admin', locale })
  await click('[data-action="clone-device"]')
  const select = document.querySelector('[data-field="source"]') as HTMLSelectElement
  select.value = 'old'
  select.dispatchEvent(new Event('change'))
  await flushPromises()
  await click('[data-action="start-job"]')
  await click('[data-action="job-report"]')
  await vi.waitFor(() => expect(saved.at(-1)?.name).toMatch(/\.csv$/))
  const file = saved.at(-1)!
  const text = new TextDecoder().decode(await file.blob.arrayBuffer())
  return { name: file.name, lines: text.replace(/^\uFEFF/, '').split('\r\n') }
}

describe("a copy job's report", { timeout: 20_000 }, () => {
  it('is written in Russian on a Russian screen: columns, outcomes and reasons in words', async () => {
    const { name, lines } = await reportIn('ru')
    expect(name).toBe('отчёт-о-переносе-j1a2b3c4.csv')
    expect(lines[0]).toBe('Номер на устройстве,Номер на школьном сервере,ФИО,Итог,Причина')
    expect(lines[1]).toBe('1001,,Oʻtkir Gʻulomov,Записан,')
    expect(lines[2]).toBe('1002,,Aziza Karimova,Уже был,')
    expect(lines[3]).toBe('1003,,Bobur Aliyev,Не записан,Нет фото или фото не подходит')
    expect(lines[4]).toMatch(/^1004,,'=Sardor,Не записан,[А-Яа-яЁё]/)
    expect(lines.join('\n')).not.toMatch(/done|skipped|failed|image_invalid|device_unreachable/)
  })

  it('is in Uzbek by default', async () => {
    const { name, lines } = await reportIn('uz')
    expect(name).toBe('koʻchirish-hisoboti-j1a2b3c4.csv')
    expect(lines[0]).toBe('Qurilmadagi raqami,Maktab serveridagi raqami,Ism-familiya,Natija,Sabab')
    expect(lines[3]).toBe('1003,,Bobur Aliyev,Yozilmadi,Rasm yoʻq yoki mos emas')
  })
})
