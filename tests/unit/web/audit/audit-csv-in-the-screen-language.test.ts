// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import type { AuditEntry } from '../../../../shared/api'
import { fakeFetch, json, type SeenRequest } from '../fake-proxy'
import { appPerTest, catchDownloads, screenInZone } from '../screen-fixtures'

// the screen is set to New York; the school (and its proxy) is in Tashkent, UTC+5
screenInZone('America/New_York')

const saved = catchDownloads()
const mountApp = appPerTest()

const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-12-07T03:42:49.000Z',
  actor: { name: 'Kirish plansheti', role: 'admin', tokenId: 'tok-1' },
  action: 'device.update',
  route: 'PATCH /api/devices/:id',
  target: { type: 'device', id: 'dev-1', label: 'Asosiy kirish' },
  result: 'ok',
  status: 200,
  error: null,
  before: { name: 'Kirish', port: 80 },
  after: { name: 'Asosiy kirish', port: 80 },
  retryOf: null,
  retryable: false,
  ...over,
})

/** 201 entries, newest first: the newest a failed clock set, the rest renames. */
const TRAIL: AuditEntry[] = [
  entry(201, {
    action: 'device.time.sync',
    actor: { name: 'SR_ADMIN_TOKEN', role: 'admin', tokenId: null },
    result: 'failed',
    error: { code: 'device_unreachable', message: 'Device did not answer /ISAPI/System/time' },
    before: null,
    after: null,
  }),
  ...Array.from({ length: 200 }, (_, index) => entry(200 - index)),
]

/** GET /api/audit a page at a time, as the proxy pages it. */
function trail(request: SeenRequest): Response {
  const query = new URL(request.path, 'http://proxy.test').searchParams
  const page = Number(query.get('page') ?? 1)
  const limit = Number(query.get('limit') ?? 50)
  const data = TRAIL.slice((page - 1) * limit, page * limit)
  return json(200, { data, total: TRAIL.length, page, limit, facets: { actions: [], actors: [] } })
}

async function exportIn(locale: 'uz' | 'ru' | 'en') {
  const proxy = fakeFetch({
    'GET /api/health': () =>
      json(200, { ok: true, version: '0.1.0', paired: true, timeZone: 'Asia/Tashkent' }),
    'GET /api/audit': trail,
  })
  await mountApp('/audit', { fetch: proxy.fetch, token: 'tok', role: 'admin', locale })
  // the school's zone is known before the file is asked for
  await vi.waitFor(() => expect(localStorage.getItem('sr.schoolTimeZone')).toBe('Asia/Tashkent'))
  await vi.waitFor(() => expect(document.querySelector('[data-testid="audit-row"]')).not.toBeNull(), {
    timeout: 10_000,
  })
  ;(document.querySelector('[data-testid="audit-export"]') as HTMLElement).click()
  await vi.waitFor(() => expect(saved.at(-1)?.name).toMatch(/\.csv$/), { timeout: 10_000 })
  const file = saved.at(-1)!
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.blob.arrayBuffer())
  return {
    name: file.name,
    text,
    lines: text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n'),
    seen: proxy.seen,
  }
}

describe('the audit CSV', { timeout: 30_000 }, () => {
  it('is in Russian on a Russian screen: columns, actions, people, results and reasons in words', async () => {
    const { name, text, lines } = await exportIn('ru')
    expect(name).toMatch(/^история-изменений-\d{4}-\d\d-\d\d\.csv$/)
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(lines[0]).toBe('№,Время,Кто,Роль,Действие,Что,Результат,Причина,Изменения,Повтор записи №')
    expect(lines[1]).toMatch(
      /^201,07\.12\.2026 08:42:49,[^,]+,администратор,Выставлено время устройства,Asosiy kirish,Ошибка,[А-Яа-яЁё]/,
    )
    expect(lines[2]).toContain('Название: Kirish → Asosiy kirish; Порт: 80')
    expect(text).not.toMatch(/device\.time\.sync|device_unreachable|SR_ADMIN_TOKEN|2026-12-07T|Z,/)
  })

  it('has every entry the filters match, across the proxy’s pages, once each', async () => {
    const { lines, seen } = await exportIn('uz')
    expect(lines).toHaveLength(1 + 201)
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(TRAIL.map((e) => e.id))
    expect(seen.filter((r) => r.path.includes('limit=200'))).toHaveLength(2)
  })

  it('is in Uzbek by default, on the school’s clock', async () => {
    const { name, lines } = await exportIn('uz')
    expect(name).toMatch(/^oʻzgarishlar-tarixi-\d{4}-\d\d-\d\d\.csv$/)
    expect(lines[0]).toBe(
      '№,Vaqt,Kim,Roli,Amal,Nima,Natija,Sabab,Oʻzgarishlar,Qaysi yozuvga qayta urinish (№)',
    )
    expect(lines[1]).toContain(',07.12.2026 08:42:49,Lokal server,administrator,Qurilma soati toʻgʻrilandi,')
  })
})
