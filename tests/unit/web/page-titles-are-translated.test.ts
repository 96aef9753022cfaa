// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createAppI18n, LOCALES } from '../../../web/i18n'
import { pageTitleKey, routes } from '../../../web/router'

describe("the browser tab's title", () => {
  const named = routes.map((route) => route.name).filter((name): name is string => typeof name === 'string')

  it.each(LOCALES)('names every page in %s with a translated word, never a key', (locale) => {
    const { t, te } = createAppI18n(locale).global
    expect(named).toEqual(expect.arrayContaining(['import', 'device-import', 'deviceSettings']))
    for (const name of named) {
      const key = pageTitleKey(name)
      expect(te(key), `${name} → ${key}`).toBe(true)
      expect(t(key), name).not.toBe(key)
    }
  })
})
