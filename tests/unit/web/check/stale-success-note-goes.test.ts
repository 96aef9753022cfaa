// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DeviceClock } from '../../../../shared/api/status'
import { fakeFetch, HEALTHY, json, mountApp, statusStream, type MountedApp } from '../fake-proxy'
import { LIVE_STATUS } from './live-status'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

const clock = (driftSec: number): DeviceClock => ({
  deviceTime: '2026-11-25T13:00:00+05:00',
  timeZone: 'CST-5:00:00',
  timeMode: 'manual',
  utcOffsetMinutes: 300,
  expectedUtcOffsetMinutes: 300,
  driftSec,
  zoneMatches: true,
  warning: Math.abs(driftSec) > 30,
})

describe('the Check card’s success note', () => {
  it('goes when a newer check disagrees with it', async () => {
    let drift = 0
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices/status/stream': () =>
        statusStream([{ ...LIVE_STATUS, clock: clock(drift), timeDriftSec: drift }]),
      'GET /api/devices/d1/status': () => json(200, { ...LIVE_STATUS, clock: clock(0) }),
      'POST /api/devices/d1/time/sync': () => json(200, { timeDriftSec: 0, clock: clock(0) }),
      'GET /api/webhooks': () => json(404, { error: { code: 'not_found', message: 'none' } }),
    })
    mounted = await mountApp('/check', { fetch, token: 'tok' })
    await mounted.wrapper.get('[data-testid="check-sync"]').trigger('click')
    await flushPromises()
    const note = () => mounted!.wrapper.find('[data-testid="check-outcome"]')
    await vi.waitFor(() => expect(note().text()).toContain('Soat toʻgʻrilandi.'))

    // the clock drifts off again: the next check shows it, and the old "done" is not left beside it
    drift = 600
    await mounted.wrapper.get('[data-testid="check-refresh"]').trigger('click')
    await vi.waitFor(() =>
      expect(mounted!.wrapper.get('[data-testid="check-clock"]').attributes('data-level')).toBe('warn'),
    )
    expect(note().exists()).toBe(false)
  })
  it('goes for the attendance fix too, when a newer check finds the address wrong again', async () => {
    let inSync = true
    const hook = () => ({ expected: 'http://127.0.0.1:9000/webhook/school-1/in', actual: [], inSync })
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices/status/stream': () =>
        statusStream([{ ...LIVE_STATUS, webhook: hook(), webhookInSync: inSync }]),
      'GET /api/devices/d1/status': () => json(200, { ...LIVE_STATUS, webhook: hook(), webhookInSync: true }),
      'POST /api/devices/d1/webhook/apply': () => json(200, hook()),
      'GET /api/webhooks': () => json(404, { error: { code: 'not_found', message: 'none' } }),
    })
    mounted = await mountApp('/check', { fetch, token: 'tok' })
    await mounted.wrapper.get('[data-testid="check-apply"]').trigger('click')
    await flushPromises()
    const note = () => mounted!.wrapper.find('[data-testid="check-outcome"]')
    await vi.waitFor(() => expect(note().text()).toContain('Ulandi'))

    inSync = false
    await mounted.wrapper.get('[data-testid="check-refresh"]').trigger('click')
    await vi.waitFor(() =>
      expect(mounted!.wrapper.get('[data-testid="check-webhook"]').attributes('data-level')).toBe('warn'),
    )
    expect(note().exists()).toBe(false)
  })
  it('goes for "written to every device" too, when a newer check finds one wrong again', async () => {
    let inSync = true
    const hook = () => ({ expected: 'http://127.0.0.1:9000/webhook/school-1/in', actual: [], inSync })
    const { fetch } = fakeFetch({
      ...HEALTHY,
      'GET /api/devices/status/stream': () =>
        statusStream([{ ...LIVE_STATUS, webhook: hook(), webhookInSync: inSync }]),
      'GET /api/devices/d1/status': () => json(200, { ...LIVE_STATUS, webhook: hook(), webhookInSync: true }),
      'POST /api/devices/d1/webhook/apply': () => json(200, hook()),
      'GET /api/webhooks': () =>
        json(200, {
          in: 'http://127.0.0.1:9000/webhook/school-1/in',
          out: 'http://127.0.0.1:9000/webhook/school-1/out',
          fetchedAt: '2026-12-07T05:00:00.000Z',
          source: 'backend',
        }),
    })
    mounted = await mountApp('/check', { fetch, token: 'tok' })
    await vi.waitFor(() =>
      expect(mounted!.wrapper.find('[data-testid="webhook-apply-all"]').exists()).toBe(true),
    )
    await mounted.wrapper.get('[data-testid="webhook-apply-all"]').trigger('click')
    const note = () => mounted!.wrapper.find('[data-testid="webhook-apply-result"]')
    await vi.waitFor(() => expect(note().classes()).toContain('notice--ok'))

    inSync = false
    await mounted.wrapper.get('[data-testid="check-refresh"]').trigger('click')
    await vi.waitFor(() =>
      expect(mounted!.wrapper.get('[data-testid="check-webhook"]').attributes('data-level')).toBe('warn'),
    )
    expect(note().exists()).toBe(false)
  })
})
