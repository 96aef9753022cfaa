// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import DeviceCheckCard from '../../../../web/components/check/DeviceCheckCard.vue'
import type { ActionState } from '../../../../web/composables/useDeviceStatus'
import { createAppI18n } from '../../../../web/i18n'
import { LIVE_STATUS } from './live-status'

function outcome(action: ActionState): string {
  const wrapper = mount(DeviceCheckCard, {
    props: { status: LIVE_STATUS, action },
    global: { plugins: [createAppI18n('uz'), createPinia()] },
  })
  const text = wrapper.text()
  wrapper.unmount()
  return text
}

describe('the Check card after "Soatni toʻgʻrilash"', () => {
  it('says the school’s time server was written too when the proxy set it', () => {
    const text = outcome({ kind: 'sync', state: 'ok', ntp: 'set' })
    expect(text).toContain('Soat toʻgʻrilandi.')
    expect(text).toContain('Vaqt serveri (NTP) ham yozildi.')
  })

  it('says plainly that the time server could not be written, and that the clock is right anyway', () => {
    const text = outcome({ kind: 'sync', state: 'ok', ntp: 'failed' })
    expect(text).toContain('Soat toʻgʻrilandi.')
    expect(text).toContain('Vaqt serverini (NTP) yozib boʻlmadi')
  })

  it('says only that the clock is set where there is no time server to write', () => {
    for (const ntp of ['not_supported', 'not_configured', undefined] as const) {
      const text = outcome({ kind: 'sync', state: 'ok', ...(ntp ? { ntp } : {}) })
      expect(text).toContain('Soat toʻgʻrilandi.')
      expect(text).not.toContain('NTP')
    }
  })
})

describe('the Check card’s clock line', () => {
  it('never says "Toʻgʻri" beside a warning: a right time in the wrong zone says the zone is wrong', () => {
    const wrapper = mount(DeviceCheckCard, {
      props: {
        status: {
          ...LIVE_STATUS,
          clock: {
            deviceTime: '2026-11-25T10:00:00+03:00',
            timeZone: 'CST-3:00:00',
            timeMode: 'manual',
            utcOffsetMinutes: 180,
            expectedUtcOffsetMinutes: 300,
            driftSec: 0,
            zoneMatches: false,
            warning: true,
          },
        },
      },
      global: { plugins: [createAppI18n('uz'), createPinia()] },
    })
    const line = wrapper.get('[data-testid="check-clock"]')
    expect(line.attributes('data-level')).toBe('warn')
    expect(line.text()).not.toContain('Toʻgʻri')
    expect(line.text()).toContain('Vaqt mintaqasi notoʻgʻri')
    wrapper.unmount()
  })
})
