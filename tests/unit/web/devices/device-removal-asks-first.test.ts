// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Device } from '../../../../shared/api'
import { fakeFetch, HEALTHY, json, mountApp, type MountedApp } from '../fake-proxy'

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
}

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})
beforeEach(() => localStorage.clear())

async function click(selector: string) {
  await vi.waitFor(() => expect(document.querySelector(selector)).not.toBeNull())
  ;(document.querySelector(selector) as HTMLButtonElement).click()
  await flushPromises()
}

function proxyWith(deleteAnswer: () => Response) {
  let registry = [device]
  return fakeFetch({
    ...HEALTHY,
    'GET /api/devices': () => json(200, registry),
    'DELETE /api/devices/d1': () => {
      const answer = deleteAnswer()
      if (answer.status === 204) registry = []
      return answer
    },
  })
}

describe('removing a device', { timeout: 20_000 }, () => {
  it('asks first, says what stays on the device, and removes only after yes', async () => {
    const proxy = proxyWith(() => new Response(null, { status: 204 }))
    mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role: 'admin' })
    await click('[data-action="remove"]')
    const dialog = document.querySelector('[data-testid="confirm"]')
    expect(dialog?.textContent).toContain('„Asosiy kirish“')
    expect(dialog?.textContent).toContain('oʻchmaydi')
    await click('.sheet__close')
    expect(proxy.seen.some((r) => r.method === 'DELETE')).toBe(false)

    await click('[data-action="remove"]')
    await click('[data-testid="confirm-yes"]')
    await vi.waitFor(() =>
      expect(document.body.textContent).toContain('„Asosiy kirish“ roʻyxatdan oʻchirildi'),
    )
    expect(proxy.seen.filter((r) => r.method === 'DELETE')).toHaveLength(1)
    expect(document.querySelector('[data-device-id="d1"]')).toBeNull()
  })

  it('keeps the dialog open with the reason when the proxy refuses', async () => {
    const proxy = proxyWith(() => json(403, { error: { code: 'forbidden', message: 'no' } }))
    mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role: 'admin' })
    await click('[data-action="remove"]')
    await click('[data-testid="confirm-yes"]')
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="confirm"]')?.textContent).toContain('faqat administrator'),
    )
    expect(document.querySelector('[data-device-id="d1"]')).not.toBeNull()
  })
})
