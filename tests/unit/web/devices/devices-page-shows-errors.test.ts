// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Device } from '../../../../shared/api'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp, type SeenRequest } from '../fake-proxy'

const device: Device = {
  id: 'd1',
  name: 'Asosiy kirish',
  host: '192.168.1.64',
  port: 80,
  scheme: 'http',
  username: 'admin',
  hasPassword: true,
  credentialsExpiresAt: '2099-01-01T00:00:00.000Z',
  deviceId: null,
  backendId: null,
  direction: 'in',
}

const refusal = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  json(status, { error: { code, message: `english ${code}`, ...extra } })

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})
beforeEach(() => localStorage.clear())

/** The Devices page of an admin screen against a proxy whose test answers come from `tests` in turn. */
async function openWith(tests: Array<() => Response>, registry: Device[] = []) {
  const answers = [...tests]
  const proxy = fakeFetch({
    ...HEALTHY,
    'GET /api/devices': () => json(200, registry),
    'POST /api/devices': (request: SeenRequest) =>
      json(201, { ...device, ...(request.body as object), hasPassword: true }),
    'PATCH /api/devices/d1': (request: SeenRequest) => json(200, { ...device, ...(request.body as object) }),
    'POST /api/devices/d1/test': () => (answers.shift() ?? (() => refusal(500, 'internal')))(),
    'GET /api/devices/d1/status': () => refusal(404, 'not_found', { message: 'No such route: GET /x' }),
  })
  mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role: 'admin' })
  return proxy
}

const form = () => document.querySelector('[data-testid="device-form"]') as HTMLFormElement
const input = (name: string) => form().querySelector(`[name="${name}"]`) as HTMLInputElement

async function type(name: string, value: string) {
  const field = input(name)
  field.value = value
  field.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function submit() {
  form().dispatchEvent(new Event('submit'))
  await flushPromises()
}

async function openAddForm() {
  await click('[data-action="add-device"]')
  await vi.waitFor(() => expect(form()).not.toBeNull())
}

const text = () => form().textContent ?? ''

async function click(selector: string, within: ParentNode = document) {
  await vi.waitFor(() => expect(within.querySelector(selector)).not.toBeNull())
  ;(within.querySelector(selector) as HTMLButtonElement).click()
  await flushPromises()
}

// The first mount compiles the lazily loaded page.
describe('the device form on the Devices page', { timeout: 20_000 }, () => {
  it('shows every missing field in Uzbek before anything is sent', async () => {
    const proxy = await openWith([])
    await openAddForm()
    await type('username', '')
    await submit()
    expect(form().querySelectorAll('.field__error')).toHaveLength(4)
    expect(text()).toContain('Toʻldirilishi shart')
    expect(proxy.seen.some((r) => r.method === 'POST')).toBe(false)
    expect(document.activeElement).toBe(input('name'))
  })

  it('saves, tests, and shows a wrong password under the password field; fixing it patches the same device', async () => {
    const proxy = await openWith([
      () => refusal(502, 'device_auth_failed'),
      () =>
        json(200, {
          ok: true,
          authScheme: 'digest',
          latencyMs: 42,
          deviceInfo: {
            model: 'DS-K1T342MWX',
            serialNumber: 'DS-K1T342MWX20240101',
            firmwareVersion: 'V4.48.40',
          },
        }),
    ])
    await openAddForm()
    await type('name', 'Asosiy kirish')
    await type('host', '192.168.1.64')
    await type('password', 'notoʻgʻri')
    await submit()
    await vi.waitFor(() => expect(text()).toContain('Qurilma login yoki parolni qabul qilmadi'))
    const passwordError = input('password').parentElement?.querySelector('.field__error')
    expect(passwordError?.textContent).toContain('login yoki parol')
    expect(text()).toContain('Qurilma saqlandi, lekin hali ulanmagan')
    expect(text()).not.toContain('english')

    // the refused password is asked for again instead of being tried once more
    const testsSoFar = proxy.seen.filter((r) => r.path === '/api/devices/d1/test').length
    await submit()
    expect(input('password').parentElement?.textContent).toContain('Toʻldirilishi shart')
    expect(proxy.seen.filter((r) => r.path === '/api/devices/d1/test')).toHaveLength(testsSoFar)

    await type('password', 'Togri#2026')
    await submit()
    await vi.waitFor(() => expect(text()).toContain('Ulanish bor!'))
    expect(text()).toContain('Model: DS-K1T342MWX')
    expect(proxy.seen.filter((r) => r.method === 'POST' && r.path === '/api/devices')).toHaveLength(1)
    const patch = proxy.seen.find((r) => r.method === 'PATCH')
    expect(patch?.body).toEqual({ password: 'Togri#2026' })
  })

  it('says how many minutes a locked device stays locked', async () => {
    await openWith([() => refusal(423, 'device_locked', { retryAfterSec: 1500 })], [device])
    await click('[data-action="edit"]')
    await click('[data-action="test"]', form())
    await vi.waitFor(() => expect(text()).toContain('25 daqiqadan soʻng'))
  })

  it('pins a refused address to the address field', async () => {
    const proxy = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, []),
      'POST /api/devices': () => refusal(403, 'host_not_allowed'),
    })
    mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role: 'admin' })
    await openAddForm()
    await type('name', 'Tashqi')
    await type('host', '8.8.8.8')
    await type('password', 'x')
    await submit()
    await vi.waitFor(() =>
      expect(input('host').parentElement?.textContent).toContain('maktab tarmogʻiga tegishli emas'),
    )
  })

  it('tells an unreachable device apart, and asks for the password again when it expired', async () => {
    await openWith(
      [() => refusal(504, 'device_unreachable'), () => refusal(409, 'credentials_expired')],
      [device],
    )
    await click('[data-action="edit"]')
    await click('[data-action="test"]', form())
    await vi.waitFor(() => expect(text()).toContain('Qurilmaga ulanib boʻlmadi'))
    await click('[data-action="test"]', form())
    await vi.waitFor(() =>
      expect(input('password').parentElement?.textContent).toContain('parolining muddati tugagan'),
    )
    expect(input('password').value).toBe('')
    await submit()
    expect(input('password').parentElement?.textContent).toContain('Toʻldirilishi shart')
  })

  it('shows the same refusals in Russian and English', async () => {
    for (const [locale, words] of [
      ['ru', 'логин или пароль'],
      ['en', 'login or password'],
    ] as const) {
      const proxy = fakeFetch({
        ...HEALTHY,
        'GET /api/devices': () => json(200, [device]),
        'POST /api/devices/d1/test': () => refusal(502, 'device_auth_failed'),
      })
      mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role: 'admin', locale })
      await click('[data-action="edit"]')
      await click('[data-action="test"]', form())
      await vi.waitFor(() => expect(text().toLowerCase()).toContain(words))
      mounted.wrapper.unmount()
      mounted = null
      document.body.replaceChildren()
    }
  })
})
