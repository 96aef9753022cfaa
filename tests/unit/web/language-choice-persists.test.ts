// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAppI18n, LOCALE_STORAGE_KEY, readSavedLocale, setLocale } from '../../../web/i18n'
import { fakeFetch, HEALTHY, mountApp } from './fake-proxy'

describe('language choice', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => document.body.replaceChildren())

  it('starts in Uzbek when nothing was chosen, or something unknown was stored', () => {
    expect(readSavedLocale()).toBe('uz')
    localStorage.setItem(LOCALE_STORAGE_KEY, 'de')
    expect(readSavedLocale()).toBe('uz')
    expect(createAppI18n().global.t('nav.settings')).toBe('Sozlamalar')
  })

  it('is remembered for the next start and sets the page language', () => {
    const first = createAppI18n()
    setLocale(first.global, 'ru')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('ru')
    expect(document.documentElement.lang).toBe('ru')

    const nextStart = createAppI18n()
    expect(nextStart.global.locale.value).toBe('ru')
    expect(nextStart.global.t('nav.settings')).toBe('Настройки')
  })

  it('falls back to Uzbek when storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError')
      },
    }
    expect(readSavedLocale(blocked)).toBe('uz')
  })

  it('switches the whole app from the Settings page and survives a remount', async () => {
    const { fetch } = fakeFetch(HEALTHY)
    const first = await mountApp('/settings', { fetch })
    expect(first.wrapper.find('h1').text()).toBe('Sozlamalar')

    await first.wrapper.get('[data-testid="language-en"]').setValue(true)
    expect(first.wrapper.find('h1').text()).toBe('Settings')
    expect(first.wrapper.get('[data-testid="nav-devices"]').text()).toContain('Devices')
    first.wrapper.unmount()

    const second = await mountApp('/settings', { fetch, locale: readSavedLocale() })
    expect(second.wrapper.find('h1').text()).toBe('Settings')
    second.wrapper.unmount()
  })
})
