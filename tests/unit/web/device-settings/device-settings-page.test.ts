// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeviceSettings } from '../../../../shared/api'
import {
  fakeFetch,
  HEALTHY,
  json,
  mountApp,
  TWO_DEVICES,
  type MountedApp,
  type SeenRequest,
} from '../fake-proxy'
import { CLOCK, FULL } from './settings-fixtures'

/** An attendance terminal without NTP or a door relay (dev-2). */
const LACKING: DeviceSettings = {
  ...FULL,
  deviceId: 'dev-2',
  name: 'Sport zali',
  time: {
    supported: true,
    clock: { ...CLOCK, timeMode: 'manual', driftSec: 95, warning: true },
    timeModes: ['manual'],
    ntp: { supported: false, reason: 'not_supported', detail: 'System capabilities say isSupportNtp false' },
  },
  door: {
    supported: false,
    reason: 'not_supported',
    detail: 'Access-control capabilities say isSupportRemoteControlDoor false',
  },
  network: {
    supported: false,
    reason: 'read_failed',
    detail: 'Device did not answer',
    error: { code: 'device_unreachable', message: 'Device did not answer /ISAPI/System/Network/interfaces' },
  },
  doorParams: {
    supported: false,
    reason: 'not_supported',
    detail: 'The device offers none of these settings',
  },
  faceRecognition: {
    supported: false,
    reason: 'not_supported',
    detail: 'The device offers none of these settings',
  },
  eventTypes: {
    supported: false,
    reason: 'not_supported',
    detail: 'The device offers none of these settings',
  },
  ipv4: {
    supported: false,
    reason: 'not_supported',
    detail: 'The device does not let its network be set remotely',
  },
}

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})
beforeEach(() => localStorage.clear())

type Routes = Parameters<typeof fakeFetch>[0]

async function open(path: string, role: 'admin' | 'operator', extra: Routes = {}) {
  const proxy = fakeFetch({
    ...HEALTHY,
    'GET /api/devices': () => json(200, TWO_DEVICES),
    'GET /api/devices/dev-1/settings': () => json(200, FULL),
    'GET /api/devices/dev-2/settings': () => json(200, LACKING),
    ...extra,
  })
  mounted = await mountApp(path, { fetch: proxy.fetch, token: 'tok', role })
  await vi.waitFor(() => expect(document.querySelector('[data-section="overview"]')).not.toBeNull())
  return proxy
}

const section = (name: string) => document.querySelector(`[data-section="${name}"]`) as HTMLElement
const text = (name: string) => section(name)?.textContent ?? ''

async function click(selector: string) {
  await vi.waitFor(() => expect(document.querySelector(selector)).not.toBeNull())
  ;(document.querySelector(selector) as HTMLElement).click()
  await flushPromises()
}

const writes = (seen: SeenRequest[]) => seen.filter((r) => r.method !== 'GET')

describe('the device settings page', { timeout: 20_000 }, () => {
  it('shows every section read from the device, in Uzbek', async () => {
    await open('/devices/dev-1/settings', 'admin')
    expect(document.querySelector('h1')?.textContent).toBe('Asosiy kirish: sozlamalar')
    expect(text('overview')).toContain('DS-K1T342MWX')
    expect(text('overview')).toContain('V3.16.1 build 240528')
    expect(text('overview')).toContain('ac:b9:2f:00:00:00')
    expect(text('overview')).toContain('6 / 1500')
    expect(text('time')).toContain('time.windows.com')
    expect(text('time')).toContain('1440 daqiqa')
    expect(text('network')).toContain('192.0.0.64')
    expect(text('eventHost')).toContain('Toʻgʻri sozlangan')
    expect(text('eventHost')).not.toContain('maxfiy123')
    expect(text('faceLibrary')).toContain('4 / 1500')
    expect(section('door').querySelector('[data-testid="door-open"]')).not.toBeNull()
    expect(document.querySelectorAll('[data-testid="section-unavailable"]')).toHaveLength(0)
    expect(document.querySelector('[data-testid="clock-warning"]')).toBeNull()
  })

  it('shows what the model lacks read-only, with the reason, and offers no write there', async () => {
    await open('/devices/dev-2/settings', 'admin')
    const door = section('door').querySelector('[data-testid="section-unavailable"]') as HTMLElement
    expect(door.dataset.reason).toBe('not_supported')
    expect(door.textContent).toContain('Bu model bu imkoniyatga ega emas')
    expect(section('door').querySelector('[data-testid="door-open"]')).toBeNull()
    expect(text('time')).toContain('Bu modelda NTP yoʻq')
    expect(section('time').querySelector('[data-testid="clock-warning"]')).not.toBeNull()
    expect(section('time').querySelector('[data-testid="ntp-form"]')).toBeNull()
    const network = section('network').querySelector('[data-testid="section-unavailable"]') as HTMLElement
    expect(network.dataset.reason).toBe('read_failed')
    expect(network.textContent).toContain('Qurilma bu qismga hozir javob bermadi')
  })

  it('never says "Toʻgʻri" beside the clock warning: a right time in the wrong zone says the zone is wrong', async () => {
    const WRONG_ZONE = { ...CLOCK, utcOffsetMinutes: 180, zoneMatches: false, warning: true }
    await open('/devices/dev-1/settings', 'admin', {
      'GET /api/devices/dev-1/settings': () =>
        json(200, { ...FULL, time: { ...FULL.time, clock: WRONG_ZONE } }),
    })
    expect(section('time').querySelector('[data-testid="clock-warning"]')).not.toBeNull()
    expect(text('time')).not.toContain('Toʻgʻri')
    expect(text('time')).toContain('Vaqt mintaqasi notoʻgʻri')
  })

  it('writes the NTP server with progress, says it was read back, and reads the page again', async () => {
    let release: () => void = () => {}
    const answered = new Promise<void>((resolve) => (release = resolve))
    const proxy = await open('/devices/dev-1/settings', 'admin', {
      'PUT /api/devices/dev-1/settings/ntp': async () => {
        await answered
        const after = {
          server: {
            id: '1',
            server: 'ntp.maktab.uz',
            addressingFormatType: 'hostname',
            portNo: 123,
            synchronizeIntervalMin: 60,
          },
          timeMode: 'NTP',
          timeZone: 'CST-5:00:00',
        }
        return json(200, { before: null, after, verified: true })
      },
    })
    await click('[data-section="time"] .btn--small')
    const interval = document.querySelector('[name="interval"]') as HTMLInputElement
    interval.value = '60'
    interval.dispatchEvent(new Event('input'))
    await flushPromises()
    await click('[data-testid="ntp-save"]')
    await vi.waitFor(() => expect(text('time')).toContain('Yozilmoqda'))
    expect(writes(proxy.seen)).toEqual([
      expect.objectContaining({
        method: 'PUT',
        path: '/api/devices/dev-1/settings/ntp',
        body: { server: 'ntp.maktab.uz', synchronizeIntervalMin: 60, timeMode: 'NTP' },
      }),
    ])
    const readsBefore = proxy.seen.filter((r) => r.path === '/api/devices/dev-1/settings').length
    release()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="ntp-saved"]')).not.toBeNull())
    expect(proxy.seen.filter((r) => r.path === '/api/devices/dev-1/settings').length).toBe(readsBefore + 1)
  })

  it('says so when the device kept nothing and its old settings were put back', async () => {
    await open('/devices/dev-1/settings', 'admin', {
      'PUT /api/devices/dev-1/settings/ntp': () =>
        json(502, {
          error: { code: 'device_not_applied', message: 'english', details: { restored: true } },
        }),
    })
    await click('[data-testid="ntp-save"]')
    await vi.waitFor(() => expect(section('time').querySelector('[role="alert"]')).not.toBeNull())
    expect(text('time')).toContain('Sozlama saqlanmadi')
    expect(text('time')).toContain('lekin saqlamadi')
    expect(document.querySelector('[data-testid="ntp-saved"]')).toBeNull()
  })

  it('refuses an empty NTP server before sending', async () => {
    const proxy = await open('/devices/dev-1/settings', 'admin')
    const server = document.querySelector('[name="server"]') as HTMLInputElement
    server.value = '  '
    server.dispatchEvent(new Event('input'))
    await flushPromises()
    await click('[data-testid="ntp-save"]')
    expect(text('time')).toContain('NTP server manzilini yozing')
    expect(writes(proxy.seen)).toEqual([])
  })

  it('opens the door only after the confirmation, and says to check at the door', async () => {
    const proxy = await open('/devices/dev-1/settings', 'admin', {
      'POST /api/devices/dev-1/door/open': () =>
        json(200, { doorId: 1, command: 'open', sent: true, readBack: false }),
    })
    await click('[data-testid="door-open"]')
    expect(document.querySelector('[data-testid="confirm"]')?.textContent).toContain('Asosiy kirish')
    await click('[data-testid="confirm"] .btn--secondary')
    expect(writes(proxy.seen)).toEqual([])

    await click('[data-testid="door-open"]')
    await click('[data-testid="confirm-yes"]')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="door-sent"]')).not.toBeNull())
    expect(writes(proxy.seen)).toEqual([
      expect.objectContaining({ method: 'POST', path: '/api/devices/dev-1/door/open', body: { doorId: 1 } }),
    ])
    expect(text('door')).toContain('joyida tekshiring')
  })

  it('shows door, face and event settings with the device’s ranges and sends only what changed', async () => {
    const proxy = await open('/devices/dev-1/settings', 'admin', {
      'PUT /api/devices/dev-1/settings/door': () =>
        json(200, { before: { openDuration: 5 }, after: { openDuration: 9 }, verified: true }),
    })
    expect(text('doorParams')).toContain('Eshik ochiq turadigan vaqt (soniya)')
    expect(text('doorParams')).toContain('(1–255)')
    expect(text('face')).toContain('(0–100)')
    expect(text('events')).toContain('Kirish-chiqish hodisalari')
    const duration = section('doorParams').querySelector('[name="openDuration"]') as HTMLInputElement
    duration.value = '9'
    duration.dispatchEvent(new Event('input'))
    await flushPromises()
    await click('[data-testid="doorParams-save"]')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="doorParams-saved"]')).not.toBeNull())
    expect(writes(proxy.seen)).toEqual([
      expect.objectContaining({
        method: 'PUT',
        path: '/api/devices/dev-1/settings/door',
        body: { values: { openDuration: 9 } },
      }),
    ])
  })

  it('says in Uzbek what the model lacks, without the proxy’s English note', async () => {
    await open('/devices/dev-2/settings', 'admin')
    for (const name of ['doorParams', 'face', 'events']) {
      const notice = section(name).querySelector('[data-testid="section-unavailable"]') as HTMLElement
      expect(notice.dataset.reason).toBe('not_supported')
      expect(notice.textContent).toContain('Bu model bu imkoniyatga ega emas')
      expect(notice.textContent).not.toContain('The device offers')
    }
    expect(text('door')).not.toContain('isSupportRemoteControlDoor')
  })

  it('changes the network address only after a warning that the terminal will not come back by itself', async () => {
    const proxy = await open('/devices/dev-1/settings', 'admin', {
      'PUT /api/devices/dev-1/settings/network': () =>
        json(504, {
          error: {
            code: 'device_lost_after_move',
            message: 'english',
            details: {
              previousAddress: { host: '192.0.0.64', port: 80 },
              newAddress: { host: '192.0.0.70', port: 80 },
              waitedSec: 60,
            },
          },
        }),
    })
    const address = section('network').querySelector('[name="ipAddress"]') as HTMLInputElement
    address.value = '192.0.0.70'
    address.dispatchEvent(new Event('input'))
    await flushPromises()
    await click('[data-testid="network-save"]')
    expect(document.querySelector('[data-testid="network-no-revert"]')?.textContent).toContain(
      'oʻzi eski manzilga qaytmaydi',
    )
    expect(writes(proxy.seen)).toEqual([])
    await click('[data-testid="confirm-yes"]')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="network-lost"]')).not.toBeNull())
    expect(writes(proxy.seen)).toEqual([
      expect.objectContaining({
        path: '/api/devices/dev-1/settings/network',
        body: {
          dhcp: false,
          ipAddress: '192.0.0.70',
          subnetMask: '255.255.255.0',
          gateway: '192.0.0.1',
          dns: ['8.8.8.8'],
        },
      }),
    ])
    const lost = document.querySelector('[data-testid="network-lost"]')?.textContent ?? ''
    expect(lost).toContain('192.0.0.64')
    expect(lost).toContain('192.0.0.70')
    expect(lost).not.toContain('english')
  })

  it('opens the expert editor behind a warning, shows the snapshot beside the edit and restores it', async () => {
    const DOOR = '/ISAPI/AccessControl/Door/param/1'
    const before = '<DoorParam><openDuration>5</openDuration></DoorParam>'
    const after = '<DoorParam><openDuration>7</openDuration></DoorParam>'
    const proxy = await open('/devices/dev-1/settings', 'admin', {
      'GET /api/devices/dev-1/settings/expert': () =>
        json(200, { resources: [{ path: DOOR, flag: 'isSupportDoorCfg' }] }),
      'GET /api/devices/dev-1/settings/expert/document': () =>
        json(200, { path: DOOR, format: 'xml', text: before }),
      'PUT /api/devices/dev-1/settings/expert': (request) => {
        const body = request.body as { text: string }
        return json(200, { path: DOOR, format: 'xml', before, after: body.text, verified: true })
      },
    })
    expect(document.querySelector('[data-testid="expert-resource"]')).toBeNull()
    await click('[data-testid="expert-accept"]')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="expert-resource"]')).not.toBeNull())
    const pick = document.querySelector('[data-testid="expert-resource"]') as HTMLSelectElement
    pick.value = DOOR
    pick.dispatchEvent(new Event('change'))
    await flushPromises()
    await click('[data-testid="expert-open"]')
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="expert-snapshot"]')?.textContent).toBe(before),
    )
    const edit = document.querySelector('[data-testid="expert-text"]') as HTMLTextAreaElement
    edit.value = after
    edit.dispatchEvent(new Event('input'))
    await flushPromises()
    await click('[data-testid="expert-save"]')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="expert-saved"]')).not.toBeNull())
    await click('[data-testid="expert-restore"]')
    await vi.waitFor(() => expect(writes(proxy.seen)).toHaveLength(2))
    expect(writes(proxy.seen).map((request) => (request.body as { text: string }).text)).toEqual([
      after,
      before,
    ])
  })

  it('is an admin page: an operator is told so, and the device is not asked', async () => {
    const proxy = fakeFetch({ ...HEALTHY, 'GET /api/devices/dev-1/settings': () => json(200, FULL) })
    mounted = await mountApp('/devices/dev-1/settings', {
      fetch: proxy.fetch,
      token: 'tok',
      role: 'operator',
    })
    expect(mounted.router.currentRoute.value.name).toBe('notAllowed')
    expect(proxy.seen.some((request) => request.path.includes('/settings'))).toBe(false)
  })

  it('is reached from the Sozlamalar button of a device card', async () => {
    const proxy = fakeFetch({
      ...HEALTHY,
      'GET /api/devices': () => json(200, TWO_DEVICES),
      'GET /api/devices/dev-1/settings': () => json(200, FULL),
    })
    mounted = await mountApp('/devices', { fetch: proxy.fetch, token: 'tok', role: 'admin' })
    await click('[data-device-id="dev-1"] [data-action="settings"]')
    await vi.waitFor(() => expect(mounted?.router.currentRoute.value.path).toBe('/devices/dev-1/settings'))
    await vi.waitFor(() => expect(section('overview')).not.toBeNull())
  })
})
