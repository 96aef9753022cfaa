// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '../../../../web/App.vue'
import { createApiClient } from '../../../../web/api/client'
import { apiClientKey } from '../../../../web/composables/useApi'
import { createAppI18n } from '../../../../web/i18n'
import { createAppRouter } from '../../../../web/router'
import { useDraftsStore } from '../../../../web/stores/drafts'
import { useSessionStore } from '../../../../web/stores/session'
import { newDraft, openTestStore, testClock, type TestStore } from '../db/fixtures'
import { fakeFetch, HEALTHY, json, PROXY, TWO_DEVICES, loadAfterFirstPaint } from '../fake-proxy'

let store: TestStore
let wrapper: VueWrapper | null = null

beforeEach(() => {
  localStorage.clear()
  store = openTestStore()
})
afterEach(async () => {
  wrapper?.unmount()
  wrapper = null
  document.body.replaceChildren()
  await store.destroy()
})

/** The whole app, as main.ts mounts it, on a draft store of this test's own. */
async function openApp(path: string, routes: Parameters<typeof fakeFetch>[0]): Promise<Router> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore(pinia).setPaired({ token: 'tok', tokenId: 't1', role: 'operator' })
  useDraftsStore(pinia).connect({ repo: store.repo })
  const { fetch } = fakeFetch({ ...HEALTHY, 'GET /api/devices': () => json(200, TWO_DEVICES), ...routes })
  const api = createApiClient({ baseUrl: () => PROXY, token: () => 'tok', fetch })
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await loadAfterFirstPaint()
  wrapper = mount(App, {
    attachTo: document.body,
    global: {
      plugins: [pinia, createAppI18n('uz'), router, { install: (app) => app.provide(apiClientKey, api) }],
    },
  })
  await flushPromises()
  return router
}

const text = () => wrapper!.text()

describe('the result screen', () => {
  it('names the device that refused and why, and the ones that were rolled back', async () => {
    const draft = await store.repo.add(newDraft('Karimov'))
    await store.repo.claimNext()
    const details = {
      clientId: draft.clientId,
      employeeNo: '4820193746',
      status: 'FAILED' as const,
      devices: [
        { deviceId: 'dev-1', status: 'ROLLED_BACK' as const },
        {
          deviceId: 'dev-2',
          status: 'FAILED' as const,
          error: { code: 'device_rejected', message: 'x', subStatusCode: 'deviceUserAlreadyExistFace' },
        },
      ],
      backend: { status: 'off' as const },
    }
    await store.repo.finish(draft.id, {
      status: 'failed',
      error: { code: 'device_rejected', message: 'x', subStatusCode: 'deviceUserAlreadyExistFace', details },
      result: details,
    })
    await openApp(`/?sent=${draft.id}`, {})
    await vi.waitFor(
      () => expect(wrapper!.find('[data-testid="enroll-progress"]').attributes('data-state')).toBe('failed'),
      { timeout: 5000 },
    )
    expect(wrapper!.get('[data-testid="enroll-result-title"]').text()).toBe('Karimov Vali roʻyxatga olinmadi')
    const rows = wrapper!.findAll('[data-testid="device-progress"] > li')
    expect(rows.map((row) => row.attributes('data-state'))).toEqual(['ROLLED_BACK', 'FAILED'])
    expect(rows[0]!.text()).toContain('Asosiy kirish')
    expect(rows[0]!.text()).toContain('oʻquvchi hammasida yoki hech birida boʻladi')
    expect(rows[1]!.text()).toContain('Sport zali')
    expect(rows[1]!.text()).not.toContain('deviceUserAlreadyExistFace')
  })

  it('sends a failed draft again on "retry", and shows it written', async () => {
    const draft = await store.repo.add(newDraft('Toshmatov'))
    await store.repo.claimNext()
    await store.repo.finish(draft.id, {
      status: 'attention',
      error: { code: 'credentials_expired', message: '' },
      result: null,
    })
    const seen: string[] = []
    await openApp(`/?sent=${draft.id}`, {
      'POST /api/registrations': (request) => {
        const body = request.body as { clientId: string; deviceIds: string[] }
        seen.push(body.clientId)
        return json(201, {
          clientId: body.clientId,
          employeeNo: '5550001112',
          status: 'SUCCESS',
          devices: body.deviceIds.map((deviceId) => ({ deviceId, status: 'SUCCESS' })),
          backend: { status: 'queued' },
        })
      },
    })
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="enroll-retry"]').exists()).toBe(true))
    expect(text()).toContain('Qurilma parolining muddati tugagan')
    await wrapper!.get('[data-testid="enroll-retry"]').trigger('click')
    await vi.waitFor(() =>
      expect(wrapper!.find('[data-testid="enroll-progress"]').attributes('data-state')).toBe('done'),
    )
    expect(seen).toEqual([draft.clientId])
    expect(text()).toContain('Qurilmadagi raqami: 5550001112')
    expect(text()).toContain('Maktab serveriga keyinroq yuboriladi.')
  })
})

describe('editing a queued draft', () => {
  it('opens it in the form and puts the change back in the queue', async () => {
    const draft = await store.repo.add(newDraft('Aliyev'))
    await store.repo.claimNext()
    await store.repo.finish(draft.id, {
      status: 'failed',
      error: { code: 'validation_failed', message: '', field: 'student.firstName' },
      result: null,
    })
    const sent: string[] = []
    const router = await openApp(`/?draft=${draft.id}`, {
      'POST /api/registrations': (request) => {
        const body = request.body as { clientId: string; student: { firstName: string } }
        sent.push(body.student.firstName)
        return json(201, {
          clientId: body.clientId,
          employeeNo: '1',
          status: 'SUCCESS',
          devices: [],
          backend: { status: 'off' },
        })
      },
    })
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="enroll-form"]').exists()).toBe(true), {
      timeout: 5000,
    })
    expect((wrapper!.get('[data-testid="first-name"]').element as HTMLInputElement).value).toBe('Vali')
    expect(wrapper!.find('[data-testid="photo-preview"]').exists()).toBe(true)
    expect(wrapper!.get('[data-testid="enroll-submit"]').text()).toBe('Oʻzgarishlarni saqlash')
    await wrapper!.get('[data-testid="first-name"]').setValue('Valijon')
    await wrapper!.get('form').trigger('submit')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/queue'))
    // back in the line, it goes out at once with the change
    await vi.waitFor(async () => expect((await store.repo.get(draft.id))?.status).toBe('done'))
    expect(sent).toEqual(['Valijon'])
  })

  it('says so, and keeps what was typed, when the draft went out while it was open', async () => {
    const draft = await store.repo.add(newDraft('Band'))
    await store.repo.claimNext()
    await store.repo.finish(draft.id, {
      status: 'failed',
      error: { code: 'image_invalid', message: '' },
      result: null,
    })
    await openApp(`/?draft=${draft.id}`, {})
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="enroll-form"]').exists()).toBe(true), {
      timeout: 5000,
    })
    // the sender took it meanwhile (another tab pressed "retry")
    await store.repo.retry(draft.id)
    await store.repo.claimNext()
    await wrapper!.get('[data-testid="first-name"]').setValue('Yangi')
    await wrapper!.get('form').trigger('submit')
    await vi.waitFor(() => expect(text()).toContain('Bu roʻyxat endi tahrirlab boʻlmaydi'))
    expect((wrapper!.get('[data-testid="first-name"]').element as HTMLInputElement).value).toBe('Yangi')
  })
})

// pages load lazily: beside a busy CPU the first look takes longer than vi.waitFor's second
const SLOW = { timeout: 15_000 }

/** Drafts written today: the app clears done drafts older than a few days when it starts. */
async function useStoreOfToday(): Promise<void> {
  await store.destroy()
  store = openTestStore(undefined, testClock(Date.now()))
}

describe('the way out of a refusal', { timeout: 60_000 }, () => {
  it('offers to update a student already on the terminals, and does it with the draft’s names and face', async () => {
    const draft = await store.repo.add(
      newDraft('Karimov', {
        student: { firstName: 'Vali', lastName: 'Karimov', className: '5-A', employeeNo: '4820193746' },
      }),
    )
    await store.repo.claimNext()
    await store.repo.finish(draft.id, {
      status: 'failed',
      error: { code: 'duplicate', message: 'already registered', field: 'student.employeeNo' },
      result: null,
    })
    const puts: unknown[] = []
    const router = await openApp(`/?sent=${draft.id}`, {
      'GET /api/students': () => json(200, { students: [], page: 1, totalPages: 0, total: 0 }),
      'PUT /api/registrations/4820193746': (request) => {
        puts.push(request.body)
        return json(200, {
          clientId: 'x',
          employeeNo: '4820193746',
          status: 'SUCCESS',
          devices: [{ deviceId: 'dev-1', status: 'SUCCESS' }],
          backend: { status: 'queued' },
        })
      },
    })
    await vi.waitFor(
      () => expect(wrapper!.find('[data-testid="enroll-update-student"]').exists()).toBe(true),
      SLOW,
    )
    expect(wrapper!.find('[data-testid="enroll-retry"]').exists()).toBe(false)
    await wrapper!.get('[data-testid="enroll-update-student"]').trigger('click')
    await vi.waitFor(
      () => expect(router.currentRoute.value.fullPath).toBe(`/students?fromDraft=${draft.id}`),
      SLOW,
    )
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="student-edit"]').exists()).toBe(true), SLOW)
    expect(wrapper!.get('[data-testid="sheet-name"]').text()).toBe('Karimov Vali')
    expect(wrapper!.find('[data-testid="photo-preview"]').exists()).toBe(true)
    await wrapper!.get('[data-testid="student-edit"]').trigger('submit')
    await vi.waitFor(() => expect(puts).toHaveLength(1), SLOW)
    expect(puts[0]).toMatchObject({ student: { firstName: 'Vali', lastName: 'Karimov' } })
    expect((puts[0] as { face: string }).face.length).toBeGreaterThan(100)
    // carried out: the draft leaves the queue
    await vi.waitFor(async () => expect(await store.repo.get(draft.id)).toBeUndefined(), SLOW)
  })

  it('shows the school server’s refusal of a student written to the terminals, on the card and in the Queue', async () => {
    await useStoreOfToday()
    const draft = await store.repo.add(newDraft('Rahimov'))
    await store.repo.claimNext()
    const result = {
      clientId: draft.clientId,
      employeeNo: '5550001112',
      status: 'SUCCESS' as const,
      devices: [{ deviceId: 'dev-1', status: 'SUCCESS' as const }],
      backend: { status: 'sent' as const, error: { code: 'backend_rejected', message: 'Sinf topilmadi' } },
    }
    await store.repo.finish(draft.id, { status: 'done', result })
    const router = await openApp(`/?sent=${draft.id}`, {
      'GET /api/outbox': () => json(200, { pending: [], delivered: 0, failed: [], mode: 'online' }),
    })
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="school-refusal"]').exists()).toBe(true), SLOW)
    expect(wrapper!.get('[data-testid="school-refusal"]').text()).toContain('«Sinf topilmadi»')
    await router.push('/queue')
    await vi.waitFor(
      () => expect(wrapper!.find(`[data-testid="draft-${draft.id}"]`).exists()).toBe(true),
      SLOW,
    )
    expect(wrapper!.get(`[data-testid="draft-${draft.id}"] [data-testid="school-refusal"]`).text()).toContain(
      'Maktab serveri qabul qilmadi.',
    )
  })

  it('shows a refusal that came later, from the local server’s outbox, by the student’s number', async () => {
    await useStoreOfToday()
    const draft = await store.repo.add(newDraft('Saidov'))
    await store.repo.claimNext()
    const result = {
      clientId: draft.clientId,
      employeeNo: '5550001113',
      status: 'SUCCESS' as const,
      devices: [{ deviceId: 'dev-1', status: 'SUCCESS' as const }],
      backend: { status: 'queued' as const },
    }
    await store.repo.finish(draft.id, { status: 'done', result })
    const failed = {
      id: 'r-1',
      kind: 'provision',
      groupKey: '5550001113',
      summary: 'Saidov (5550001113)',
      state: 'failed',
      attempts: 1,
      nextAttemptAt: new Date().toISOString(),
      lastAttemptAt: null,
      lastError: 'Duplicate student in class',
      lastErrorCode: 'backend_rejected',
      createdAt: new Date().toISOString(),
      waitingFor: null,
    }
    const retried: string[] = []
    await openApp('/queue', {
      'GET /api/outbox': () => json(200, { pending: [], delivered: 0, failed: [failed], mode: 'online' }),
      'POST /api/outbox/r-1/retry': (request) => {
        retried.push(request.path)
        return json(200, { ...failed, state: 'pending' })
      },
    })
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="school-refusal"]').exists()).toBe(true), SLOW)
    expect(wrapper!.get('[data-testid="school-refusal"]').text()).toContain('«Duplicate student in class»')
    await wrapper!.get('[data-testid="school-refusal-retry"]').trigger('click')
    await vi.waitFor(() => expect(retried).toEqual(['/api/outbox/r-1/retry']), SLOW)
    await vi.waitFor(
      () => expect(wrapper!.get('[data-testid="school-refusal"]').text()).toContain('Qayta yuborildi.'),
      SLOW,
    )
  })
})

describe('saving to the school server only', { timeout: 60_000 }, () => {
  it('sends the student with no terminal and no photo needed, and says their number', async () => {
    localStorage.setItem('sr.classes', JSON.stringify([{ id: 'c-5a', name: '5-A', gradeLevel: 5 }]))
    const sent: unknown[] = []
    await openApp('/', {
      'GET /api/classes': () => json(200, [{ id: 'c-5a', name: '5-A', gradeLevel: 5 }]),
      'POST /api/students': (request) => {
        sent.push(request.body)
        return json(201, {
          clientId: 'x',
          employeeNo: '5550009999',
          backend: { status: 'sent', studentId: 's-9' },
        })
      },
    })
    await vi.waitFor(
      () => expect(wrapper!.find('[data-testid="enroll-school-only"]').exists()).toBe(true),
      SLOW,
    )
    await wrapper!.get('[data-testid="last-name"]').setValue('Nazarov')
    await wrapper!.get('[data-testid="first-name"]').setValue('Bek')
    await wrapper!.get('[data-testid="gender-male"]').trigger('click')
    await wrapper!.get('[data-testid="class-text"]').setValue('5-A')
    await wrapper!.get('[data-testid="enroll-school-only"]').trigger('click')
    await vi.waitFor(() => expect(sent).toHaveLength(1), SLOW)
    expect(sent[0]).toMatchObject({
      student: { firstName: 'Bek', lastName: 'Nazarov', gender: 'male', classId: 'c-5a' },
    })
    await vi.waitFor(() => expect(wrapper!.text()).toContain('raqami 5550009999'), SLOW)
  })
})
