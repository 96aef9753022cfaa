// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Locale } from '../../../../web/i18n'
import { fakeFetch, HEALTHY, json, mountApp, TWO_DEVICES, type MountedApp } from '../fake-proxy'
import { FULL } from './settings-fixtures'

let mounted: MountedApp | null = null
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.replaceChildren()
})
beforeEach(() => localStorage.clear())

/** The terminal's own refusal as the proxy passes it on: sub-status and the element it named. */
const refusedHostName = () =>
  json(400, {
    error: {
      code: 'device_rejected',
      message: 'Invalid XML content (badXmlContent at /ISAPI/System/time/ntpServers/1)',
      subStatusCode: 'badXmlContent',
      details: { statusCode: 6, statusString: 'Invalid Content', errorMsg: 'hostName' },
    },
  })

async function openAndSave(locale: Locale, typed: string, answer: () => Response) {
  let reads = 0
  const proxy = fakeFetch({
    ...HEALTHY,
    'GET /api/devices': () => json(200, TWO_DEVICES),
    'GET /api/devices/dev-1/settings': () => {
      reads += 1
      return json(200, FULL)
    },
    'PUT /api/devices/dev-1/settings/ntp': answer,
  })
  mounted = await mountApp('/devices/dev-1/settings', {
    fetch: proxy.fetch,
    token: 'tok',
    role: 'admin',
    locale,
  })
  await vi.waitFor(() => expect(document.querySelector('[name="server"]')).not.toBeNull())
  const server = document.querySelector('[name="server"]') as HTMLInputElement
  server.value = typed
  server.dispatchEvent(new Event('input'))
  await flushPromises()
  ;(document.querySelector('[data-testid="ntp-save"]') as HTMLElement).click()
  // the page reads the device again after the refused write: that read must not wipe the field
  await vi.waitFor(() => expect(reads).toBe(2))
  await vi.waitFor(() => expect(document.querySelector('[data-testid="ntp-refused"]')).not.toBeNull())
  await flushPromises()
  return {
    field: () => (document.querySelector('[name="server"]') as HTMLInputElement).value,
    reason: () => document.querySelector('[data-testid="ntp-refused"]')?.textContent ?? '',
    page: () => document.querySelector('[data-section="time"]')?.textContent ?? '',
  }
}

describe('an NTP server the terminal refuses', { timeout: 20_000 }, () => {
  it('stays in the field, and the reason names it in Uzbek, without the device code', async () => {
    const form = await openAndSave('uz', 'ntp server.maktab', refusedHostName)
    expect(form.field()).toBe('ntp server.maktab')
    expect(form.reason()).toContain('Terminal «ntp server.maktab» manzilini qabul qilmadi')
    expect(form.page()).not.toMatch(/badXmlContent|hostName|Invalid/)
  })

  it('says the same in Russian and in English', async () => {
    const ru = await openAndSave('ru', 'ntp..local', refusedHostName)
    expect(ru.field()).toBe('ntp..local')
    expect(ru.reason()).toContain('Терминал не принял адрес «ntp..local»')
    mounted?.wrapper.unmount()
    mounted = null
    document.body.replaceChildren()
    const en = await openAndSave('en', 'ntp..local', refusedHostName)
    expect(en.reason()).toContain('The terminal did not accept “ntp..local”')
  })

  it('names the interval when that is what the terminal refused', async () => {
    const form = await openAndSave('uz', 'pool.ntp.org', () =>
      json(400, {
        error: {
          code: 'device_rejected',
          message: 'english',
          subStatusCode: 'badXmlContent',
          details: { errorMsg: 'synchronizeInterval' },
        },
      }),
    )
    expect(form.field()).toBe('pool.ntp.org')
    expect(form.reason()).toContain('sinxronlash oraligʻini qabul qilmadi')
  })

  it('says what a host name may hold when the proxy refuses it before writing', async () => {
    const form = await openAndSave('uz', 'not a host!', () =>
      json(400, { error: { code: 'validation_failed', message: 'english', field: 'server' } }),
    )
    expect(form.field()).toBe('not a host!')
    expect(form.reason()).toContain('«not a host!» NTP server nomi yoki IP manzili boʻla olmaydi')
  })
})
