// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TokenInfo } from '../../../../shared/api'
import { useSessionStore } from '../../../../web/stores/session'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp, type SeenRequest } from '../fake-proxy'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
  vi.unstubAllGlobals()
})
beforeEach(() => localStorage.clear())
beforeAll(() => import('../../../../web/composables/useDraftSender'))

const SCREENS: TokenInfo[] = [
  {
    id: 'tok-1',
    name: 'Direktor planshet',
    role: 'admin',
    createdAt: '2026-11-20T08:00:00.000Z',
    lastUsedAt: '2026-11-25T08:00:00.000Z',
    revokedAt: null,
  },
  {
    id: 'tok-7',
    name: 'Kirish planshet',
    role: 'operator',
    createdAt: '2026-11-21T08:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
  },
]

async function click(selector: string) {
  await vi.waitFor(() => expect(document.querySelector(selector)).not.toBeNull())
  ;(document.querySelector(selector) as HTMLElement).click()
  await flushPromises()
}

const text = (selector: string) => document.querySelector(selector)?.textContent ?? ''

describe('pairing another screen: the admin chooses its role', { timeout: 20_000 }, () => {
  it.each([
    ['operator', 'Bu ekran operator sifatida ulanadi'],
    ['admin', 'Bu ekran administrator sifatida ulanadi'],
  ] as const)('a code for an %s says so beside the QR and in the link', async (role, words) => {
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'GET /api/tokens': () => json(200, SCREENS),
      'POST /api/pairing-codes': (request: SeenRequest) =>
        json(201, {
          code: '482913',
          expiresAt: '2026-11-25T12:10:00.000Z',
          url: 'https://192.168.1.10:8443/',
          role: (request.body as { role: string }).role,
        }),
    })
    mounted = await mountApp('/settings', { fetch, token: 'tok', role: 'admin' })
    const select = document.querySelector('[data-testid="pair-role"]') as HTMLSelectElement
    select.value = role
    select.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(text('[data-testid="pair-role-hint"]')).toContain(
      role === 'admin' ? 'hamma narsani' : 'oʻzgartira olmaydi',
    )
    await click('[data-testid="pair-create"]')

    expect(seen.find((r) => r.path === '/api/pairing-codes')?.body).toEqual({ role })
    await vi.waitFor(() => expect(text('[data-testid="issued-role"]')).toBe(words))
    expect(text('[data-testid="issued-link"]')).toBe(`https://192.168.1.10:8443/?pair=482913&role=${role}`)
    expect(document.querySelector('[data-testid="issued-code"] img')?.getAttribute('src')).toMatch(
      /^data:image\/svg\+xml/,
    )
  })

  it('the new screen opening that link pairs, keeps the role the proxy gave, and drops both from the address', async () => {
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'POST /api/pair': () => json(200, { token: 'new-token', tokenId: 'tok-9', role: 'operator' }),
    })
    mounted = await mountApp('/?pair=482913&role=operator', { fetch })
    const session = useSessionStore(mounted.pinia)
    await vi.waitFor(() => expect(session.token).toBe('new-token'))
    expect(session.role).toBe('operator')
    expect(mounted.router.currentRoute.value.fullPath).toBe('/settings')
    expect(seen.find((r) => r.path === '/api/pair')?.body).toEqual({ code: '482913' })
    await vi.waitFor(() => expect(text('[data-testid="paired-role"]')).toContain('„Operator“'))
    expect(JSON.parse(localStorage.getItem('sr.session') ?? '{}').role).toBe('operator')
  })
})

describe('the paired screens list', { timeout: 20_000 }, () => {
  function screensProxy() {
    let list = SCREENS.map((screen) => ({ ...screen }))
    return fakeFetch({
      ...HEALTHY,
      'GET /api/tokens': () => json(200, list),
      'PATCH /api/tokens/tok-7': (request: SeenRequest) => {
        list = list.map((s) =>
          s.id === 'tok-7' ? { ...s, name: (request.body as { name: string }).name } : s,
        )
        return json(200, list[1])
      },
      'DELETE /api/tokens/tok-7': () => {
        list = list.map((s) => (s.id === 'tok-7' ? { ...s, revokedAt: '2026-11-25T12:00:00.000Z' } : s))
        return new Response(null, { status: 204 })
      },
    })
  }
  const row = '[data-token-id="tok-7"]'

  it('renames a screen', async () => {
    const { fetch, seen } = screensProxy()
    mounted = await mountApp('/settings', { fetch, token: 'tok', role: 'admin' })
    await click(`${row} [data-action="rename"]`)
    const input = document.querySelector(`${row} input`) as HTMLInputElement
    expect(input.value).toBe('Kirish planshet')
    input.value = '  Sport zali telefoni '
    input.dispatchEvent(new Event('input'))
    ;(document.querySelector(`${row} form`) as HTMLFormElement).dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({ name: 'Sport zali telefoni' })
    await vi.waitFor(() => expect(text(row)).toContain('Sport zali telefoni'))
    expect(document.querySelector(`${row} form`)).toBeNull()
  })

  it('revokes a screen only after yes, and shows it revoked', async () => {
    const { fetch, seen } = screensProxy()
    mounted = await mountApp('/settings', { fetch, token: 'tok', role: 'admin' })
    await click(`${row} [data-action="revoke"]`)
    expect(document.querySelector('[data-testid="confirm"]')?.textContent).toContain('„Kirish planshet“')
    expect(document.querySelector('[data-testid="confirm-yes"]')?.textContent?.trim()).toBe(
      'Ha, ruxsatni bekor qilish',
    )
    await click('[data-testid="confirm"] button.btn--secondary')
    expect(seen.some((r) => r.method === 'DELETE')).toBe(false)
    await click(`${row} [data-action="revoke"]`)
    await click('[data-testid="confirm-yes"]')
    expect(seen.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/tokens/tok-7'])
    await vi.waitFor(() => expect(text(row)).toContain('Bekor qilingan'))
    expect(document.querySelector(`${row} [data-action="revoke"]`)).toBeNull()
  })

  it('a screen the administrator disconnected says so and asks to pair again', async () => {
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(401, { error: { code: 'unauthorized', message: 'revoked' } }),
    })
    mounted = await mountApp('/devices', { fetch, token: 'old', role: 'operator' })
    await vi.waitFor(() => expect(useSessionStore(mounted?.pinia).isPaired).toBe(false))
    await flushPromises()
    expect(text('[data-testid="pairing-banner"]')).toContain('administrator uzib qoʻydi')
    await click('[data-testid="pairing-banner"] a')
    await vi.waitFor(() => expect(text('[data-testid="pairing-panel"]')).toContain('qayta ulang'))
  })
})
