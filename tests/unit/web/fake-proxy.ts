// Test doubles for the proxy seen from the browser: a fetch that answers by route, and the app mounted
// around it the way web/main.ts mounts it (memory history instead of the address bar).
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '../../../web/App.vue'
import { createApiClient, type ApiClient } from '../../../web/api/client'
import { apiClientKey } from '../../../web/composables/useApi'
import { createHealthPoller, healthKey, type HealthPoller } from '../../../web/composables/useProxyHealth'
import { createAppI18n, type Locale } from '../../../web/i18n'
import { createAppRouter } from '../../../web/router'
import { useSessionStore } from '../../../web/stores/session'

export const PROXY = 'http://proxy.test'

export interface SeenRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: unknown
}

type Handler = (request: SeenRequest) => Response | Promise<Response>

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** The Check page's status stream as the proxy sends it: one `status` event per report, then `done`. */
export function statusStream(reports: unknown[]): Response {
  const events = reports.map((report) => `event: status\ndata: ${JSON.stringify(report)}\n\n`)
  return new Response(`${events.join('')}event: done\ndata: {}\n\n`, {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  })
}

/**
 * What App.vue gives every page, for a page mounted alone: the API client and the proxy's health (not
 * polling; a test asks it with `checkNow()`).
 */
export function pageServices(
  api: ApiClient,
  poller: HealthPoller = createHealthPoller((s) => api.health(s)),
) {
  return {
    install: (app: { provide(key: unknown, value: unknown): unknown }) => {
      app.provide(apiClientKey, api)
      app.provide(healthKey, poller)
    },
  }
}

/** A fetch that answers `"METHOD /path"` from `routes`, records every request, and 404s the rest. */
export function fakeFetch(routes: Record<string, Handler>) {
  const seen: SeenRequest[] = []
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input))
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    seen.push(request)
    const handler = routes[`${request.method} ${url.pathname}`]
    if (!handler) return json(404, { error: { code: 'not_found', message: `no route ${url.pathname}` } })
    return handler(request)
  }
  return { fetch: fetch as typeof globalThis.fetch, seen }
}

export const HEALTHY: Record<string, Handler> = {
  'GET /api/health': () => json(200, { ok: true, version: '0.1.0', paired: true }),
}

export interface MountedApp {
  wrapper: VueWrapper
  router: Router
  pinia: Pinia
  api: ApiClient
}

/** What App.vue imports once it has painted: the draft sender, the banners and the confirmation dialog. */
const AFTER_FIRST_PAINT = [
  () => import('../../../web/composables/useDraftSender'),
  () => import('../../../web/components/PairingBanner.vue'),
  () => import('../../../web/components/SchoolAccountBanner.vue'),
  () => import('../../../web/components/ConfirmHost.vue'),
]

/**
 * Loads what the app loads after its first paint. A test that mounts App.vue calls this first: the app's
 * own loading could otherwise still run when a quick test ends and its environment is torn down.
 */
export async function loadAfterFirstPaint(): Promise<void> {
  await Promise.all(AFTER_FIRST_PAINT.map((load) => load()))
}

export async function mountApp(
  path: string,
  options: { fetch: typeof globalThis.fetch; locale?: Locale; token?: string; role?: 'admin' | 'operator' },
): Promise<MountedApp> {
  await loadAfterFirstPaint()
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore(pinia)
  if (options.token)
    session.setPaired({ token: options.token, tokenId: 'tok-1', role: options.role ?? 'operator' })
  const api = createApiClient({
    baseUrl: () => PROXY,
    token: () => session.token,
    onUnauthorized: () => session.forget('revoked'),
    fetch: options.fetch,
  })
  const router = createAppRouter(createMemoryHistory())
  const wrapper = mount(App, {
    attachTo: document.body,
    global: {
      plugins: [
        pinia,
        createAppI18n(options.locale ?? 'uz'),
        router,
        { install: (app) => app.provide(apiClientKey, api) },
      ],
    },
  })
  await router.push(path)
  await router.isReady()
  await flushPromises()
  return { wrapper, router, pinia, api }
}

/** Two entrance terminals as GET /api/devices lists them. */
export const TWO_DEVICES = [
  {
    id: 'dev-1',
    name: 'Asosiy kirish',
    host: '10.0.0.5',
    port: 80,
    scheme: 'http',
    username: 'admin',
    hasPassword: true,
    credentialsExpiresAt: null,
    deviceId: null,
    backendId: null,
  },
  {
    id: 'dev-2',
    name: 'Sport zali',
    host: '10.0.0.6',
    port: 80,
    scheme: 'http',
    username: 'admin',
    hasPassword: true,
    credentialsExpiresAt: null,
    deviceId: null,
    backendId: null,
  },
]
