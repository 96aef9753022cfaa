// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Device, DeviceUser } from '../../../../shared/api'
import { LIVE_STATUS } from '../check/live-status'
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
  deviceId: 'DS-K1T342MWX20240101',
  backendId: null,
  direction: 'in',
  model: 'DS-K1T342MWX',
}

/** A device holding `count` people; the fake answers offset/limit/q like the proxy does. */
function deviceWith(count: number) {
  let people: DeviceUser[] = Array.from({ length: count }, (_, i) => ({
    employeeNo: String(1001 + i),
    name: i === 7 ? 'Oʻtkir Gʻulomov' : `Oʻquvchi ${i + 1}`,
    hasFace: i % 3 !== 2,
  }))
  const routes = {
    ...HEALTHY,
    'GET /api/devices': () => json(200, [device]),
    'GET /api/devices/d1/status': () => json(200, { ...LIVE_STATUS, checkedAt: new Date().toISOString() }),
    'GET /api/devices/d1/users': (request: SeenRequest) => {
      const url = new URL(request.path, 'http://x')
      const q = url.searchParams.get('q') ?? ''
      const offset = Number(url.searchParams.get('offset'))
      const limit = Number(url.searchParams.get('limit'))
      const matching = people.filter((p) => p.name.includes(q) || p.employeeNo.includes(q))
      return json(200, { total: matching.length, users: matching.slice(offset, offset + limit) })
    },
  }
  const face = () =>
    new Response(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), { headers: { 'content-type': 'image/jpeg' } })
  for (const person of people)
    Object.assign(routes, { [`GET /api/devices/d1/users/${person.employeeNo}/face`]: face })
  const removeRoute = (request: SeenRequest) => {
    const employeeNo = request.path.split('/').pop()
    people = people.filter((p) => p.employeeNo !== employeeNo)
    return new Response(null, { status: 204 })
  }
  return { routes, removeRoute }
}

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})
beforeEach(() => localStorage.clear())

const sheet = () => document.querySelector('[data-testid="device-users"]') as HTMLElement
const names = () => [...sheet().querySelectorAll('.user__name')].map((n) => n.textContent?.trim())
const listRequests = (seen: SeenRequest[]) => seen.filter((r) => r.path.startsWith('/api/devices/d1/users?'))

async function click(selector: string, within: ParentNode = document) {
  await vi.waitFor(() => expect(within.querySelector(selector)).not.toBeNull())
  ;(within.querySelector(selector) as HTMLButtonElement).click()
  await flushPromises()
}

async function openUsers(role: 'admin' | 'operator', count: number) {
  const { routes, removeRoute } = deviceWith(count)
  const proxy = fakeFetch({ ...routes, 'DELETE /api/devices/d1/users/1005': removeRoute })
  mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role })
  await click('[data-action="users"]')
  await vi.waitFor(() => expect(names().length).toBeGreaterThan(0))
  return proxy
}

describe('the people on a device', { timeout: 20_000 }, () => {
  it('pages 20 at a time with offset and limit, and says where it is', async () => {
    const proxy = await openUsers('admin', 45)
    expect(names()).toHaveLength(20)
    expect(sheet().querySelector('[data-testid="users-page"]')?.textContent).toBe('1 / 3')
    expect(sheet().textContent).toContain('Jami: 45 ta')
    const next = () => [...sheet().querySelectorAll('.pager button')][1] as HTMLButtonElement
    next().click()
    await vi.waitFor(() =>
      expect(sheet().querySelector('[data-testid="users-page"]')?.textContent).toBe('2 / 3'),
    )
    next().click()
    await vi.waitFor(() => expect(names()).toHaveLength(5))
    expect(next().disabled).toBe(true)
    expect(
      listRequests(proxy.seen).map((r) => new URL(r.path, 'http://x').searchParams.get('offset')),
    ).toEqual(['0', '20', '40'])
  })

  it('searches once the typing pauses, from the first page', async () => {
    const proxy = await openUsers('admin', 45)
    const search = sheet().querySelector('input[name="q"]') as HTMLInputElement
    for (const value of ['Oʻ', 'Oʻt', 'Oʻtkir']) {
      search.value = value
      search.dispatchEvent(new Event('input'))
    }
    await vi.waitFor(() => expect(names()).toEqual(['Oʻtkir Gʻulomov']))
    const searches = listRequests(proxy.seen).filter((r) => r.path.includes('q='))
    expect(searches).toHaveLength(1)
    expect(new URL(searches[0]?.path ?? '', 'http://x').searchParams.get('q')).toBe('Oʻtkir')
  })

  it('fetches a face with the token only once it is in view, and revokes its URL when closed', async () => {
    const watched: Array<{ element: Element; fire: () => void }> = []
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly callback: IntersectionObserverCallback) {}
        observe(element: Element) {
          watched.push({
            element,
            fire: () =>
              this.callback(
                [{ isIntersecting: true, target: element } as IntersectionObserverEntry],
                this as unknown as IntersectionObserver,
              ),
          })
        }
        disconnect() {}
      },
    )
    const revoke = vi.spyOn(URL, 'revokeObjectURL')
    try {
      const proxy = await openUsers('admin', 5)
      expect(proxy.seen.some((r) => r.path.endsWith('/face'))).toBe(false)
      for (const { fire } of watched) fire()
      await vi.waitFor(() => expect(sheet().querySelector('img')).not.toBeNull())
      const faces = proxy.seen.filter((r) => r.path.endsWith('/face'))
      // people without a face (every third) are never asked for
      expect(faces.map((r) => r.path.split('/')[5])).toEqual(['1001', '1002', '1004', '1005'])
      expect(faces.every((r) => r.headers.authorization === 'Bearer tok')).toBe(true)
      const src = sheet().querySelector('img')?.getAttribute('src')
      expect(src).toMatch(/^blob:/)
      expect(sheet().querySelector('[data-employee-no="1003"] .face')?.getAttribute('data-state')).toBe(
        'missing',
      )
      await click('.sheet__close')
      expect(revoke).toHaveBeenCalledWith(src)
    } finally {
      vi.unstubAllGlobals()
      revoke.mockRestore()
    }
  })

  it('deletes a person only after a confirmation, then reloads the page', async () => {
    const proxy = await openUsers('admin', 8)
    const row = sheet().querySelector('[data-employee-no="1005"]') as HTMLElement
    await click('[data-action="remove-user"]', row)
    expect(proxy.seen.some((r) => r.method === 'DELETE')).toBe(false)
    expect(document.querySelector('[data-testid="confirm"]')?.textContent).toContain('(1005)')
    await click('[data-testid="confirm-yes"]')
    await vi.waitFor(() => expect(names()).toHaveLength(7))
    expect(proxy.seen.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/devices/d1/users/1005',
    ])
  })

  it('hides deleting, editing and adding from an operator screen', async () => {
    await openUsers('operator', 8)
    expect(sheet().querySelector('[data-action="remove-user"]')).toBeNull()
    expect(document.querySelector('[data-action="edit"]')).toBeNull()
    expect(document.querySelector('[data-action="remove"]')).toBeNull()
    expect(document.querySelector('[data-action="add-device"]')).toBeNull()
    expect(document.body.textContent).toContain('faqat administrator')
  })

  it('shows a device’s online state from the status route', async () => {
    await openUsers('operator', 1)
    expect(document.querySelector('[data-device-id="d1"] [data-state]')?.getAttribute('data-state')).toBe(
      'online',
    )
  })
})
