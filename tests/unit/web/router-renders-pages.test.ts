// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { NAV_ITEMS } from '../../../web/router'
import { useSessionStore } from '../../../web/stores/session'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp } from './fake-proxy'

const UZBEK_TITLES: Record<string, string> = {
  '/': 'Oʻquvchini roʻyxatga olish',
  '/queue': 'Navbat',
  '/devices': 'Qurilmalar',
  '/students': 'Oʻquvchilar',
  '/check': 'Qurilmalarni tekshirish',
  '/settings': 'Sozlamalar',
}

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})
beforeEach(() => localStorage.clear())

async function open(path: string, options: Parameters<typeof mountApp>[1]) {
  mounted = await mountApp(path, options)
  await vi.waitFor(() => expect(mounted?.wrapper.find('h1').exists()).toBe(true))
  return mounted
}

describe('routes', () => {
  it.each(Object.entries(UZBEK_TITLES))('%s renders its page with its Uzbek heading', async (path, title) => {
    const { fetch } = fakeFetch({ ...HEALTHY, 'GET /api/devices': () => json(200, []) })
    const { wrapper } = await open(path, { fetch, token: 'tok' })
    expect(wrapper.get('h1').text()).toBe(title)
    expect(wrapper.get(`a[href="${path}"]`).attributes('aria-current')).toBe('page')
  })

  it('has one menu entry per page, each a link a finger can hit', async () => {
    const { fetch } = fakeFetch(HEALTHY)
    const { wrapper, router } = await open('/', { fetch })
    const links = wrapper.findAll('[data-testid="main-nav"] a')
    // an unpaired screen's menu leaves out the admin-only pages (the audit trail)
    const forAnyone = NAV_ITEMS.filter((item) => !router.resolve(item.path).meta.admin)
    expect(links.map((a) => a.attributes('href'))).toEqual(forAnyone.map((item) => item.path))
    for (const link of links) expect(link.attributes('aria-label')).toBeTruthy()
  })

  it('sends an unknown address to the home page', async () => {
    const { fetch } = fakeFetch(HEALTHY)
    const { router } = await open('/no/such/page', { fetch })
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('shows the pairing banner instead of calling the proxy while unpaired', async () => {
    const { fetch, seen } = fakeFetch(HEALTHY)
    const { wrapper } = await open('/devices', { fetch })
    expect(wrapper.find('[data-testid="pairing-banner"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="empty-state"]').text()).toContain('Hali qurilma qoʻshilmagan')
    expect(seen.map((r) => r.path)).toEqual(['/api/health'])
  })

  it('lists the devices the proxy has, and explains a failed load in plain words', async () => {
    const device = {
      id: 'd1',
      name: 'Asosiy kirish',
      host: '192.168.1.20',
      port: 80,
      scheme: 'http',
      username: 'admin',
      hasPassword: true,
      credentialsExpiresAt: null,
      deviceId: 'DS-K1T341',
      backendId: null,
      direction: 'in',
    }
    const { fetch } = fakeFetch({ ...HEALTHY, 'GET /api/devices': () => json(200, [device]) })
    const { wrapper } = await open('/devices', { fetch, token: 'tok' })
    expect(wrapper.text()).toContain('Asosiy kirish')
    expect(wrapper.text()).toContain('Kirish')
    mounted?.wrapper.unmount()

    const broken = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(503, { error: { code: 'internal', message: 'db locked' } }),
    })
    const again = await open('/devices', { fetch: broken.fetch, token: 'tok' })
    expect(again.wrapper.get('[role="alert"]').text()).toContain('Qurilmalar roʻyxatini olib boʻlmadi')
  })

  it('a revoked token turns the screen back into an unpaired one that says why', async () => {
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(401, { error: { code: 'unauthorized', message: 'revoked' } }),
    })
    const { wrapper, pinia } = await open('/devices', { fetch, token: 'old' })
    await flushPromises()
    expect(useSessionStore(pinia).isPaired).toBe(false)
    expect(wrapper.get('[data-testid="pairing-banner"]').text()).toContain('ruxsati bekor qilingan')
  })
})

describe('pairing from a scanned QR (?pair=CODE)', () => {
  it('pairs automatically, lands on Settings and drops the code from the address', async () => {
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'POST /api/pair': () => json(200, { token: 'new-token', tokenId: 'tok-9', role: 'operator' }),
    })
    const { wrapper, router, pinia } = await open('/?pair=482913', { fetch })
    await vi.waitFor(() => expect(useSessionStore(pinia).token).toBe('new-token'))
    expect(router.currentRoute.value.fullPath).toBe('/settings')
    expect(seen.find((r) => r.path === '/api/pair')?.body).toEqual({ code: '482913' })
    await flushPromises()
    expect(wrapper.get('[data-testid="paired-state"]').text()).toContain('Ekran muvaffaqiyatli ulandi')
  })

  it('says plainly when the scanned code is no longer valid', async () => {
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'POST /api/pair': () =>
        json(401, { error: { code: 'unauthorized', message: 'code expired', field: 'code' } }),
    })
    const { wrapper, pinia } = await open('/?pair=111111', { fetch })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="pair-error"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="pair-error"]').text()).toBe(
      'Kod notoʻgʻri yoki muddati oʻtgan. Yangi kod oling va qayta kiriting.',
    )
    expect(useSessionStore(pinia).isPaired).toBe(false)
  })
})

describe('settings for an admin', () => {
  it('shows the screens with access and makes a pairing code with a QR for another screen', async () => {
    const tokens = [
      {
        id: 'tok-1',
        name: 'Kirish plansheti',
        role: 'admin',
        createdAt: '2025-01-01T08:00:00.000Z',
        lastUsedAt: null,
        revokedAt: null,
      },
      {
        id: 'tok-2',
        name: 'Qorovul telefoni',
        role: 'operator',
        createdAt: '2025-01-02T08:00:00.000Z',
        lastUsedAt: null,
        revokedAt: null,
      },
    ]
    const { fetch, seen } = fakeFetch({
      ...HEALTHY,
      'GET /api/tokens': () => json(200, tokens),
      'POST /api/pairing-codes': () =>
        json(200, {
          code: '735104',
          expiresAt: '2025-01-02T08:10:00.000Z',
          url: 'https://192.168.1.10:8443/',
          role: 'operator',
        }),
    })
    const { wrapper } = await open('/settings', { fetch, token: 'tok', role: 'admin' })
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="tokens-panel"]').text()).toContain('Qorovul telefoni'),
    )
    expect(wrapper.get('[data-testid="tokens-panel"]').text()).toContain('Shu ekran')

    await wrapper.get('[data-testid="pair-another-panel"] button').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="issued-code"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="issued-code-value"]').text()).toBe('735104')
    expect(wrapper.get('[data-testid="issued-code"]').text()).toContain(
      'https://192.168.1.10:8443/?pair=735104',
    )
    expect(wrapper.get('[data-testid="issued-code"] img').attributes('src')).toMatch(/^data:image\/svg\+xml/)
    expect(seen.find((r) => r.path === '/api/pairing-codes')?.body).toEqual({ role: 'operator' })
  })

  it('hides the admin panels from an operator', async () => {
    const { fetch, seen } = fakeFetch(HEALTHY)
    const { wrapper } = await open('/settings', { fetch, token: 'tok', role: 'operator' })
    expect(wrapper.find('[data-testid="pair-another-panel"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="tokens-panel"]').exists()).toBe(false)
    expect(seen.some((r) => r.path === '/api/tokens')).toBe(false)
  })
})
