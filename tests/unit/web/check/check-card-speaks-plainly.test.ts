// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceStatusReport } from '../../../../shared/api/status'
import DeviceCheckCard from '../../../../web/components/check/DeviceCheckCard.vue'
import ConfirmHost from '../../../../web/components/ConfirmHost.vue'
import { createAppI18n } from '../../../../web/i18n'
import check from '../../../../web/i18n/messages/check/uz'
import { LIVE_STATUS } from './live-status'

const text = check.check
const FOREIGN = 'http://192.168.1.2:8088/hik/events?…'

/** An entrance terminal on a time server, in the wrong zone, posting its events to another system. */
const TROUBLED: DeviceStatusReport = {
  ...LIVE_STATUS,
  deviceInfo: { model: 'DS-K1T341AM', firmwareVersion: 'V3.2.30', serialNumber: 'DS-K1T341AM20240101' },
  clock: {
    deviceTime: '2026-11-25T10:00:00+03:00',
    timeZone: 'CST-3:00:00',
    timeMode: 'NTP',
    utcOffsetMinutes: 180,
    expectedUtcOffsetMinutes: 300,
    driftSec: 0,
    zoneMatches: false,
    warning: true,
  },
  webhook: {
    expected: 'http://127.0.0.1:9000/webhook/school-1/in?secret=abc',
    actual: [FOREIGN],
    inSync: false,
    replaces: FOREIGN,
  },
}

/** the app's one confirmation dialog, which the app mounts beside every screen */
let host: VueWrapper | null = null
afterEach(() => host?.unmount())

function card(props: Partial<InstanceType<typeof DeviceCheckCard>['$props']> = {}) {
  host = mount(ConfirmHost, { global: { plugins: [createAppI18n('uz')] } })
  return mount(DeviceCheckCard, {
    props: { status: TROUBLED, ...props },
    // the card reads the school's time zone from its store
    global: { plugins: [createAppI18n('uz'), createPinia()] },
  })
}

describe('the Check card for a secretary', () => {
  it('shows no UTC offset, serial number or address, and no "More"', () => {
    const wrapper = card()
    const shown = wrapper.text()
    expect(shown).not.toMatch(/UTC/)
    expect(shown).not.toContain('DS-K1T341AM20240101')
    expect(shown).not.toContain(text.serial)
    expect(shown).not.toMatch(/manzil/i)
    expect(shown).not.toContain('192.168')
    expect(wrapper.find('[data-testid="check-more"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="check-webhook"]').text()).toContain(text.webhookWrong)
    wrapper.unmount()
  })

  it('keeps those details for an admin, behind "More"', () => {
    const wrapper = card({ admin: true })
    const more = wrapper.get('[data-testid="check-more"]')
    expect(more.element.tagName).toBe('DETAILS')
    expect(more.get('summary').text()).toBe(text.more)
    expect(more.text()).toContain('DS-K1T341AM20240101')
    expect(more.text()).toContain('UTC+3')
    expect(more.text()).toContain('UTC+5')
    expect(more.text()).toContain(FOREIGN)
    // outside it the card reads as the secretary's does
    expect(wrapper.get('[data-testid="check-clock"]').text()).not.toMatch(/UTC/)
    wrapper.unmount()
  })
})

describe('the fixes that change more than they name', () => {
  it('says, before it acts, that the clock fix takes an NTP terminal to manual time', async () => {
    const wrapper = card()
    await wrapper.get('[data-testid="check-sync"]').trigger('click')
    expect(wrapper.emitted('act')).toBeUndefined()
    const ask = host!.get('[data-testid="confirm"]')
    expect(ask.text()).toContain('(NTP)')
    expect(ask.text()).toContain('qoʻlda sozlangan vaqtga oʻtkazadi')
    expect(ask.get('[data-testid="confirm-yes"]').text()).toBe(text.syncYes)
    await ask.get('[data-testid="confirm-yes"]').trigger('click')
    await flushPromises()
    expect(wrapper.emitted('act')).toEqual([['sync']])
    wrapper.unmount()
  })

  it('sets a clock that is already set by hand without asking', async () => {
    const wrapper = card({ status: { ...TROUBLED, clock: { ...TROUBLED.clock!, timeMode: 'manual' } } })
    await wrapper.get('[data-testid="check-sync"]').trigger('click')
    expect(wrapper.emitted('act')).toEqual([['sync']])
    expect(host!.find('[data-testid="confirm"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the address the attendance fix will replace, and writes only when agreed', async () => {
    const wrapper = card()
    await wrapper.get('[data-testid="check-apply"]').trigger('click')
    const ask = host!.get('[data-testid="confirm"]')
    expect(ask.text()).toContain(FOREIGN)
    expect(wrapper.emitted('act')).toBeUndefined()
    await ask.get('[data-testid="confirm-yes"]').trigger('click')
    await flushPromises()
    expect(wrapper.emitted('act')).toEqual([['apply']])
    wrapper.unmount()
  })

  it('writes into a free slot without asking', async () => {
    const wrapper = card({ status: { ...TROUBLED, webhook: { ...TROUBLED.webhook!, replaces: null } } })
    await wrapper.get('[data-testid="check-apply"]').trigger('click')
    expect(wrapper.emitted('act')).toEqual([['apply']])
    wrapper.unmount()
  })

  it('says afterwards that the terminal now keeps the time set by hand', () => {
    const wrapper = card({ action: { kind: 'sync', state: 'ok', manual: true } })
    expect(wrapper.get('[data-testid="check-outcome"]').text()).toContain(text.nowManual)
    wrapper.unmount()
  })
})
