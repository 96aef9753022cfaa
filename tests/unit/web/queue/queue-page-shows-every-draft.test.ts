// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import type { Registration } from '../../../../shared/api'
import QueuePage from '../../../../web/pages/QueuePage.vue'
import ConfirmHost from '../../../../web/components/ConfirmHost.vue'
import { createApiClient } from '../../../../web/api/client'
import { createHealthPoller } from '../../../../web/composables/useProxyHealth'
import { createAppI18n } from '../../../../web/i18n'
import { createAppRouter } from '../../../../web/router'
import { useDraftsStore } from '../../../../web/stores/drafts'
import { useSessionStore } from '../../../../web/stores/session'
import { newDraft, openTestStore, type TestStore } from '../db/fixtures'
import { fakeFetch, json, pageServices, PROXY, TWO_DEVICES } from '../fake-proxy'

let store: TestStore
let wrapper: VueWrapper | null = null
/** the app's one confirmation dialog, which the app mounts beside every page */
let host: VueWrapper | null = null

beforeEach(() => {
  localStorage.clear()
  store = openTestStore()
})
afterEach(async () => {
  wrapper?.unmount()
  wrapper = null
  host?.unmount()
  host = null
  document.body.replaceChildren()
  vi.unstubAllGlobals()
  await store.destroy()
})

async function openQueue(routes: Parameters<typeof fakeFetch>[0] = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore(pinia).setPaired({ token: 'tok', tokenId: 't1', role: 'operator' })
  useDraftsStore(pinia).connect({ repo: store.repo })
  const { fetch, seen } = fakeFetch({ 'GET /api/devices': () => json(200, TWO_DEVICES), ...routes })
  const api = createApiClient({ baseUrl: () => PROXY, token: () => 'tok', fetch })
  const poller = createHealthPoller((signal) => api.health(signal))
  const router = createAppRouter(createMemoryHistory())
  await router.push('/queue')
  wrapper = mount(QueuePage, {
    attachTo: document.body,
    global: {
      plugins: [pinia, createAppI18n('uz'), router, pageServices(api, poller)],
    },
  })
  host = mount(ConfirmHost, { global: { plugins: [createAppI18n('uz')] } })
  await vi.waitFor(() => expect(wrapper?.find('h1').exists()).toBe(true))
  return { wrapper, router, poller, seen }
}

const cards = () => wrapper!.findAll('[data-testid="queue-list"] > li')
const states = () => cards().map((card) => card.attributes('data-state'))

function rolledBack(clientId: string, code: string): Registration {
  return {
    clientId,
    employeeNo: '4820193746',
    status: 'FAILED',
    devices: [
      { deviceId: 'dev-1', status: 'ROLLED_BACK' },
      { deviceId: 'dev-2', status: 'FAILED', error: { code, message: 'x' } },
    ],
    backend: { status: 'off' },
  }
}

async function seedEveryState() {
  const waiting = await store.repo.add(newDraft('Kutayotgan'))
  const failed = await store.repo.add(newDraft('Rad etilgan'))
  const attention = await store.repo.add(newDraft('Parolsiz'))
  const done = await store.repo.add(newDraft('Yozilgan'))
  await store.repo.claimNext()
  await store.repo.finish(waiting.id, {
    status: 'waiting',
    error: { code: 'device_unreachable', message: '' },
    retryAt: store.clock.now() + 5000,
  })
  await store.repo.claimNext()
  await store.repo.finish(failed.id, {
    status: 'failed',
    error: { code: 'device_rejected', message: '', subStatusCode: 'employeeNoAlreadyExist' },
    result: null,
  })
  await store.repo.claimNext()
  const details = rolledBack(attention.clientId, 'credentials_expired')
  await store.repo.finish(attention.id, {
    status: 'attention',
    error: { code: 'credentials_expired', message: '', details },
    result: details,
  })
  await store.repo.claimNext()
  await store.repo.finish(done.id, {
    status: 'done',
    result: {
      clientId: done.clientId,
      employeeNo: '1',
      status: 'SUCCESS',
      devices: [],
      backend: { status: 'queued' },
    },
  })
  return { waiting, failed, attention, done }
}

describe('the Queue page', () => {
  it('says so plainly when nothing was ever saved', async () => {
    await openQueue()
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="empty-state"]').exists()).toBe(true))
    expect(wrapper!.text()).toContain('Navbat boʻsh')
  })

  it('lists the drafts a person must act on first, then the line, then the sent ones, each with its state', async () => {
    await seedEveryState()
    await openQueue()
    await vi.waitFor(() => expect(cards()).toHaveLength(4))
    expect(states()).toEqual(['failed', 'attention', 'waiting', 'done'])
    expect(cards().map((card) => card.get('[data-testid="draft-state"]').text())).toEqual([
      'Xato',
      'Yordam kerak',
      'Kutmoqda',
      'Yozildi',
    ])
    expect(wrapper!.get('[data-testid="queue-counts"]').text()).toMatch(
      /1\s*Kutmoqda.*1\s*Yozildi.*1\s*Xato.*1\s*Yordam kerak/,
    )
    // the reason in plain words: a device's own refusal, by its sub-status, and by the device at fault
    expect(cards()[1]!.text()).toContain('Sport zali: Qurilma parolining muddati tugagan')
    expect(cards()[0]!.text()).toContain('Bu raqamli oʻquvchi qurilmada allaqachon bor.')
    expect(cards()[2]!.text()).toContain('Qurilmaga ulanib boʻlmadi')
    expect(cards()[2]!.text()).toContain('Qurilmalar: Asosiy kirish, Sport zali')
  })

  it('offers the actions that fit each state', async () => {
    await seedEveryState()
    await openQueue()
    await vi.waitFor(() => expect(cards()).toHaveLength(4))
    const actions = cards().map((card) => card.findAll('button').map((b) => b.attributes('data-testid')))
    expect(actions).toEqual([
      ['draft-retry', 'draft-edit', 'draft-delete'],
      ['draft-retry', 'draft-edit', 'draft-delete'],
      ['draft-send-now', 'draft-edit', 'draft-delete'],
      [],
    ])
  })

  it('retries a failed draft, deletes one only after a yes, and opens one for editing', async () => {
    const { failed, waiting, attention } = await seedEveryState()
    const { router } = await openQueue()
    await vi.waitFor(() => expect(cards()).toHaveLength(4))

    await wrapper!.get(`[data-testid="draft-${failed.id}"] [data-testid="draft-retry"]`).trigger('click')
    await vi.waitFor(async () => expect((await store.repo.get(failed.id))?.status).toBe('waiting'))

    // the app's own question, naming the action; "no" keeps the draft
    await wrapper!.get(`[data-testid="draft-${waiting.id}"] [data-testid="draft-delete"]`).trigger('click')
    const dialog = () => host!.get('[data-testid="confirm"]')
    expect(dialog().text()).toContain(
      '„Kutayotgan Vali“ roʻyxati oʻchirilsinmi? U hech qaysi qurilmaga yozilmaydi.',
    )
    expect(host!.get('[data-testid="confirm-yes"]').text()).toBe('Ha, oʻchirish')
    await dialog().get('button.btn--secondary').trigger('click')
    expect(host!.find('[data-testid="confirm"]').exists()).toBe(false)
    expect(await store.repo.get(waiting.id)).toBeDefined()
    await wrapper!.get(`[data-testid="draft-${waiting.id}"] [data-testid="draft-delete"]`).trigger('click')
    await host!.get('[data-testid="confirm-yes"]').trigger('click')
    await vi.waitFor(async () => expect(await store.repo.get(waiting.id)).toBeUndefined())
    expect(await store.repo.getPhoto(waiting.id)).toBeNull()
    await vi.waitFor(() => expect(cards()).toHaveLength(3))

    await wrapper!.get(`[data-testid="draft-${attention.id}"] [data-testid="draft-edit"]`).trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/?draft=${attention.id}`)
  })

  it('shows "nothing waiting" once everything went, and clears the sent ones on request', async () => {
    const draft = await store.repo.add(newDraft('Yozilgan'))
    await store.repo.claimNext()
    await store.repo.finish(draft.id, {
      status: 'done',
      result: {
        clientId: draft.clientId,
        employeeNo: '1',
        status: 'SUCCESS',
        devices: [],
        backend: { status: 'sent' },
      },
    })
    await openQueue()
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Hech narsa kutmayapti'))
    await wrapper!.get('[data-testid="queue-clear-done"]').trigger('click')
    await vi.waitFor(() => expect(wrapper!.text()).toContain('Navbat boʻsh'))
  })

  it('shows the storage the drafts use and warns when the browser may evict them', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      storage: {
        estimate: async () => ({ usage: 12.5 * 1024 ** 2, quota: 4 * 1024 ** 3 }),
        persisted: async () => false,
        persist: async () => false,
      },
    })
    await store.repo.add(newDraft('Kutayotgan'))
    await openQueue()
    await vi.waitFor(() =>
      expect(wrapper!.get('[data-testid="queue-quota"]').text()).toContain(
        '12,5 MB ishlatilmoqda, 4,0 GB gacha mumkin',
      ),
    )
    expect(wrapper!.get('[data-testid="queue-quota"]').text()).toContain(
      'brauzer saqlangan roʻyxatlarni oʻchirib yuborishi mumkin',
    )
  })

  it('says whether the local server answers, and checks again at once on "check now"', async () => {
    const { poller, seen } = await openQueue({
      'GET /api/health': () => json(200, { ok: true, version: '0.1.0', paired: true }),
    })
    const panel = () => wrapper!.get('[data-testid="queue-proxy"]')
    expect(panel().attributes('data-state')).toBe('checking')
    await wrapper!.get('[data-testid="queue-check-now"]').trigger('click')
    await vi.waitFor(() => expect(panel().attributes('data-state')).toBe('online'))
    expect(panel().text()).toContain('Lokal server bilan aloqa bor')
    expect(seen.filter((r) => r.path === '/api/health')).toHaveLength(1)
    poller.stop()
  })

  it("keeps a draft's picture on screen while send attempts change the draft (no blink)", async () => {
    const draft = await store.repo.add(newDraft('Kutayotgan'))
    await openQueue()
    const thumb = () => wrapper!.find('[data-testid="draft-thumb"]')
    await vi.waitFor(() => expect(thumb().exists()).toBe(true))
    const shown = thumb().attributes('src')

    store.clock.advance(1000)
    await store.repo.claimNext()
    await store.repo.finish(draft.id, {
      status: 'waiting',
      error: { code: 'device_unreachable', message: '' },
      retryAt: store.clock.now() + 5000,
    })
    await vi.waitFor(() => expect(cards()[0]!.text()).toContain('Keyingi urinish'))
    await flushPromises()
    expect(thumb().attributes('src')).toBe(shown)
  })
})
