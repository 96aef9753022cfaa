// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { RelayView } from '../../../../shared/api/event-relay'
import { fakeFetch, HEALTHY, json, mountApp, statusStream, type MountedApp } from '../fake-proxy'
import { LIVE_STATUS } from './live-status'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})

const perHour = Array.from({ length: 24 }, (_, hour) => (hour === 7 ? 40 : hour === 8 ? 10 : 0))
const view = (mode: RelayView['mode']): RelayView => ({
  mode,
  address: 'http://192.168.1.10:8080',
  waiting: 3,
  holdUntil: '2026-09-01T03:00:00Z',
  lastError: { code: 'backend_unavailable', message: 'down' },
  perHour,
  terminals: [
    {
      deviceId: 'd1',
      name: 'Asosiy kirish',
      direction: 'in',
      lastSeenAt: '2026-09-01T02:59:00Z',
      lastEventAt: '2026-09-01T07:55:00+05:00',
      waiting: 3,
      oldestWaiting: '2026-09-01T07:50:00+05:00',
      delivered: 47,
      refused: [
        {
          serialNo: 12,
          eventTime: '2026-09-01T07:10:00+05:00',
          employeeNo: '1001',
          code: 'backend_rejected',
          reason: 'Missing AccessControllerEvent',
        },
      ],
      refusedCount: 1,
      behind: true,
      lastSearchedAt: null,
      searchError: null,
    },
  ],
})

function checkPage() {
  let mode: RelayView['mode'] = 'direct'
  const { fetch, seen } = fakeFetch({
    ...HEALTHY,
    'GET /api/devices/status/stream': () => statusStream([LIVE_STATUS]),
    'GET /api/webhooks': () => json(404, { error: { code: 'not_found', message: 'no school server' } }),
    'GET /api/events/relay': () => json(200, view(mode)),
    'PUT /api/events/relay/mode': () => {
      mode = 'relay'
      return json(200, { mode, devices: [{ deviceId: 'd1', name: 'Asosiy kirish', inSync: true }] })
    },
  })
  return { fetch, seen }
}

describe('the Check page’s relay card', () => {
  it('shows what waits per terminal, the refusals with their reason, and today by hour', async () => {
    const { fetch } = checkPage()
    mounted = await mountApp('/check', { fetch, token: 'tok', role: 'admin' })
    await flushPromises()
    const card = mounted.wrapper.get('[data-testid="event-relay"]')
    expect(card.get('[data-testid="relay-summary"]').text()).toContain(
      'Yuborilishini kutayotgan hodisalar: 3',
    )
    expect(card.text()).toContain('Maktab serveri hozir qabul qilmayapti')
    expect(card.get('[data-testid="relay-terminal"]').text()).toContain('Bu qurilma orqada qoldi')
    expect(card.text()).toContain('Missing AccessControllerEvent')
    const bars = card.findAll('[data-testid="relay-chart"] > div')
    expect(bars).toHaveLength(24)
    expect(bars[7]?.attributes('style')).toContain('height: 100%')
    expect(bars[8]?.attributes('style')).toContain('height: 25%')
    expect(card.text()).toContain('jami 50')
  })

  it('lets an admin switch to relay mode, which writes every device and checks them again', async () => {
    const { fetch, seen } = checkPage()
    mounted = await mountApp('/check', { fetch, token: 'tok', role: 'admin' })
    await flushPromises()
    const statusReads = () => seen.filter((r) => r.path.startsWith('/api/devices/status')).length
    const before = statusReads()
    await mounted.wrapper.get('[data-testid="relay-toggle"]').trigger('click')
    await flushPromises()
    const put = seen.find((r) => r.method === 'PUT' && r.path === '/api/events/relay/mode')
    expect(put?.body).toEqual({ mode: 'relay' })
    await expect
      .poll(() => mounted?.wrapper.get('[data-testid="relay-mode"]').text())
      .toBe('Lokal server orqali')
    await expect.poll(statusReads).toBeGreaterThan(before)
  })

  it('shows an operator the relay without the switch', async () => {
    const { fetch } = checkPage()
    mounted = await mountApp('/check', { fetch, token: 'tok', role: 'operator' })
    await flushPromises()
    expect(mounted.wrapper.find('[data-testid="event-relay"]').exists()).toBe(true)
    expect(mounted.wrapper.find('[data-testid="relay-toggle"]').exists()).toBe(false)
  })
})
