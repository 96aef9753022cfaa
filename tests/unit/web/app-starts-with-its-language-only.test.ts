// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { LOCALE_STORAGE_KEY, setLocale } from '../../../web/i18n'
import { createStartupI18n } from '../../../web/i18n/startup'

describe('the languages the app starts with', () => {
  beforeEach(() => localStorage.clear())

  it('is Uzbek alone when nothing else was chosen', async () => {
    const { global } = await createStartupI18n()
    expect(global.locale.value).toBe('uz')
    expect(global.availableLocales).toEqual(['uz'])
    expect(global.t('nav.settings')).toBe('Sozlamalar')
  })

  it('is the saved language, with Uzbek to fall back on', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'ru')
    const { global } = await createStartupI18n()
    expect(global.locale.value).toBe('ru')
    expect([...global.availableLocales].sort()).toEqual(['ru', 'uz'])
    expect(global.t('nav.settings')).toBe('Настройки')
    expect(document.documentElement.lang).toBe('ru')
  })

  it('gains a language’s texts when Settings switches to it', async () => {
    const { global } = await createStartupI18n()
    setLocale(global, 'en')
    expect(global.t('nav.settings')).toBe('Settings')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
  })
})
