// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '../../../../web/App.vue'
import { createApiClient } from '../../../../web/api/client'
import { apiClientKey } from '../../../../web/composables/useApi'
import { createAppI18n } from '../../../../web/i18n'
import { createAppRouter, mayOpen } from '../../../../web/router'
import { useSessionStore } from '../../../../web/stores/session'
import { fakeFetch, HEALTHY, PROXY, loadAfterFirstPaint } from '../fake-proxy'

// An admin page the way other pages declare one: `meta: { admin: true }` and an entry in the menu.
vi.mock('../../../../web/router', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../web/router')>()
  return {
    ...actual,
    NAV_ITEMS: [
      ...actual.NAV_ITEMS,
      { name: 'settings', path: '/admin-only', icon: 'alert', phoneTab: false },
    ],
  }
})

const AdminOnly = defineComponent({ render: () => h('h1', { 'data-testid': 'admin-only' }, 'Admin only') })

let wrapper: VueWrapper | null = null
// App.vue loads the draft sender after its first paint; loaded here, it cannot outlive the test file
beforeAll(() => import('../../../../web/composables/useDraftSender'))
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.replaceChildren()
})
beforeEach(() => localStorage.clear())

async function open(path: string, role: 'admin' | 'operator' | null): Promise<Router> {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore(pinia)
  if (role) session.setPaired({ token: 'tok', tokenId: 'tok-1', role })
  const { fetch } = fakeFetch({ ...HEALTHY })
  const api = createApiClient({ baseUrl: () => PROXY, token: () => session.token, fetch })
  const router = createAppRouter(createMemoryHistory())
  router.addRoute({ path: '/admin-only', name: 'adminOnly', component: AdminOnly, meta: { admin: true } })
  await loadAfterFirstPaint()
  wrapper = mount(App, {
    attachTo: document.body,
    global: {
      plugins: [pinia, createAppI18n('uz'), router, { install: (app) => app.provide(apiClientKey, api) }],
    },
  })
  await router.push(path)
  await router.isReady()
  await flushPromises()
  return router
}

const menuLinks = () =>
  [...document.querySelectorAll('[data-testid="main-nav"] a')].map((a) => a.getAttribute('href'))

describe('a page with meta.admin', { timeout: 20_000 }, () => {
  it('opens on an admin screen, with its menu entry', async () => {
    const router = await open('/admin-only', 'admin')
    expect(router.currentRoute.value.name).toBe('adminOnly')
    expect(document.querySelector('[data-testid="admin-only"]')).not.toBeNull()
    expect(menuLinks()).toContain('/admin-only')
  })

  it('is replaced for an operator by a polite "only the administrator" page, and left out of the menu', async () => {
    const router = await open('/admin-only', 'operator')
    expect(router.currentRoute.value.name).toBe('notAllowed')
    expect(router.currentRoute.value.query.from).toBe('/admin-only')
    expect(document.querySelector('[data-testid="admin-only"]')).toBeNull()
    const page = document.querySelector('[data-testid="not-allowed"]')
    expect(page?.textContent).toContain('Buni faqat administrator qila oladi')
    expect(page?.textContent).toContain('operator sifatida ulangan')
    expect(document.title).toContain('Ruxsat yoʻq')
    expect(menuLinks()).not.toContain('/admin-only')
    expect(menuLinks()).toContain('/devices')
  })

  it('sends an unpaired screen to pair first', async () => {
    const router = await open('/admin-only', null)
    expect(router.currentRoute.value.name).toBe('notAllowed')
    const page = document.querySelector('[data-testid="not-allowed"]')
    expect(page?.textContent).toContain('hali lokal serverga ulanmagan')
    expect(page?.querySelector('a[href="/settings"]')).not.toBeNull()
    expect(menuLinks()).not.toContain('/admin-only')
  })

  it('follows the role: the menu entry goes when the screen is unpaired and the page is refused after', async () => {
    const router = await open('/', 'admin')
    expect(menuLinks()).toContain('/admin-only')
    useSessionStore().forget('revoked')
    await flushPromises()
    expect(menuLinks()).not.toContain('/admin-only')
    await router.push('/admin-only')
    expect(router.currentRoute.value.name).toBe('notAllowed')
  })

  it('leaves every other page open to an operator', async () => {
    const router = await open('/', 'operator')
    for (const path of ['/', '/queue', '/devices', '/students', '/check', '/settings']) {
      expect(mayOpen(router.resolve(path)), path).toBe(true)
    }
    expect(mayOpen(router.resolve('/admin-only'))).toBe(false)
  })
})
