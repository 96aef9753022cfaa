// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeFetch, HEALTHY, json, mountApp, statusStream, type MountedApp } from '../fake-proxy'
import { LIVE_STATUS } from './live-status'
import uz from '../../../../web/i18n/messages/uz'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

function checkPage(test: () => Response) {
  const { fetch, seen } = fakeFetch({
    ...HEALTHY,
    'GET /api/devices/status/stream': () => statusStream([LIVE_STATUS]),
    'GET /api/webhooks': () => json(404, { error: { code: 'not_found', message: 'no school server' } }),
    'POST /api/devices/d1/test': test,
  })
  return { fetch, seen }
}

describe('the Check card’s "test" button', () => {
  it('asks the proxy to test the device and says the connection works, with its time', async () => {
    const { fetch, seen } = checkPage(() =>
      json(200, { ok: true, authScheme: 'digest', deviceInfo: { model: 'DS-K1T341AM' }, latencyMs: 42 }),
    )
    mounted = await mountApp('/check', { fetch, token: 'tok' })
    await mounted.wrapper.get('[data-testid="check-test"]').trigger('click')
    await flushPromises()
    expect(seen.some((r) => r.method === 'POST' && r.path === '/api/devices/d1/test')).toBe(true)
    expect(mounted.wrapper.text()).toContain('Ulanish ishlayapti (42 ms).')
    expect(mounted.wrapper.get('[data-testid="check-outcome"]').text()).toBe('Ulanish ishlayapti (42 ms).')
  })

  it('says what went wrong when the device refuses the login', async () => {
    const { fetch } = checkPage(() =>
      // the proxy's answer for a refused device login (shared/errors.ts): 502, not the screen's own 401
      json(502, {
        error: { code: 'device_auth_failed', message: 'Device refused the login: wrong password' },
      }),
    )
    mounted = await mountApp('/check', { fetch, token: 'tok' })
    await mounted.wrapper.get('[data-testid="check-test"]').trigger('click')
    await flushPromises()
    expect(mounted.wrapper.text()).not.toContain('Ulanish ishlayapti')
    expect(mounted.wrapper.find('[role="alert"]').exists()).toBe(true)
    const outcome = mounted.wrapper.get('[data-testid="check-outcome"]')
    expect(outcome.classes()).toContain('notice--error')
    expect(outcome.text()).toContain(uz.errors.device_auth_failed)
    expect(mounted.router.currentRoute.value.name).toBe('check')
  })
})
