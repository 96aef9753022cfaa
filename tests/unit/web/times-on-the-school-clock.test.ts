// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AuditEntry } from '../../../shared/api'
import { SCHOOL_ZONE_STORAGE_KEY } from '../../../web/stores/schoolZone'
import { screenInZone } from './screen-fixtures'
import { fakeFetch, json, mountApp, type MountedApp } from './fake-proxy'

// the screen is set to New York while the school (and its proxy) is in Tashkent, five hours ahead of UTC
screenInZone('America/New_York')

let mounted: MountedApp | null = null
beforeEach(() => localStorage.clear())
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

const ENTRY: AuditEntry = {
  id: 7,
  at: '2026-12-07T03:42:49.000Z',
  actor: { name: 'Kirish plansheti', role: 'admin', tokenId: 'tok-1' },
  action: 'device.create',
  route: 'POST /api/devices',
  target: { type: 'device', id: 'dev-1', label: 'Asosiy kirish' },
  result: 'ok',
  status: 201,
  error: null,
  before: null,
  after: null,
  retryOf: null,
  retryable: false,
}

function proxy(zone: string | undefined) {
  return fakeFetch({
    'GET /api/health': () => json(200, { ok: true, version: '0.1.0', paired: true, timeZone: zone }),
    'GET /api/audit': () =>
      json(200, { data: [ENTRY], total: 1, page: 1, limit: 25, facets: { actions: [], actors: [] } }),
  })
}

const row = () => document.querySelector('[data-testid="audit-entries"], main')?.textContent ?? ''

describe("times on the school's clock", () => {
  it('shows an instant as the school reads it, not as the screen’s own zone would', async () => {
    const { fetch } = proxy('Asia/Tashkent')
    mounted = await mountApp('/audit', { fetch, token: 'tok', role: 'admin' })
    await vi.waitFor(() => expect(row()).toContain('07.12.2026 08:42'), { timeout: 10_000 })
    expect(row()).not.toContain('22:42')
    expect(localStorage.getItem(SCHOOL_ZONE_STORAGE_KEY)).toBe('Asia/Tashkent')
  })

  it('does so in Russian and English through Intl', async () => {
    const { fetch } = proxy('Asia/Tashkent')
    mounted = await mountApp('/audit', { fetch, token: 'tok', role: 'admin', locale: 'ru' })
    await vi.waitFor(() => expect(row()).toMatch(/7 дек\.? 2026 г\.?,? 08:42/), { timeout: 10_000 })
    mounted.wrapper.unmount()
    document.body.replaceChildren()
    const again = proxy('Asia/Tashkent')
    mounted = await mountApp('/audit', { fetch: again.fetch, token: 'tok', role: 'admin', locale: 'en' })
    await vi.waitFor(() => expect(row()).toMatch(/Dec 7, 2026,? 8:42\sAM/), { timeout: 10_000 })
  })

  it('keeps the zone for a screen that starts while the proxy is away', async () => {
    localStorage.setItem(SCHOOL_ZONE_STORAGE_KEY, 'Asia/Tashkent')
    const { fetch } = proxy(undefined)
    mounted = await mountApp('/audit', { fetch, token: 'tok', role: 'admin' })
    await vi.waitFor(() => expect(row()).toContain('07.12.2026 08:42'), { timeout: 10_000 })
  })

  it("falls back to the screen's own zone while the school's is not known", async () => {
    const { fetch } = proxy(undefined)
    mounted = await mountApp('/audit', { fetch, token: 'tok', role: 'admin' })
    await vi.waitFor(() => expect(row()).toContain('06.12.2026 22:42'), { timeout: 10_000 })
  })

  it("asks the audit for the school's calendar day", async () => {
    const { fetch, seen } = proxy('Asia/Tashkent')
    mounted = await mountApp('/audit', { fetch, token: 'tok', role: 'admin' })
    await vi.waitFor(() => expect(row()).toContain('08:42'), { timeout: 10_000 })
    await mounted.wrapper.get('[data-testid="audit-from"]').setValue('2026-12-07')
    await vi.waitFor(
      () => expect(seen.at(-1)?.path).toContain(`from=${encodeURIComponent('2026-12-06T19:00:00.000Z')}`),
      { timeout: 10_000 },
    )
  })
})
