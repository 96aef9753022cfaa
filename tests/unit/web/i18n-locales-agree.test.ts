// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../shared/errors'
import { CLIENT_ERROR_CODES } from '../../../web/api/errors'
import { createAppI18n, LOCALES, MESSAGES } from '../../../web/i18n'

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of leaves(value as object, path)) out.set(k, v)
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the three languages', () => {
  const uz = leaves(MESSAGES.uz)

  it.each(['ru', 'en'] as const)('%s has exactly the keys Uzbek has', (locale) => {
    const other = leaves(MESSAGES[locale])
    expect([...other.keys()].sort()).toEqual([...uz.keys()].sort())
  })

  it.each(LOCALES)('%s has no empty text and the same {placeholders} as Uzbek', (locale) => {
    for (const [key, text] of leaves(MESSAGES[locale])) {
      expect(text.trim(), key).not.toBe('')
      expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(uz.get(key) ?? ''))
    }
  })

  it.each(LOCALES)('%s explains every error code the proxy or the client can produce', (locale) => {
    const errors = leaves(MESSAGES[locale]).keys()
    const keys = new Set(errors)
    for (const code of [...ERROR_CODES, ...CLIENT_ERROR_CODES]) expect(keys, code).toContain(`errors.${code}`)
  })

  it.each(LOCALES)('every %s text compiles and renders without the raw key showing', (locale) => {
    const i18n = createAppI18n(locale)
    for (const [key, source] of leaves(MESSAGES[locale])) {
      const named = Object.fromEntries(placeholders(source).map((name) => [name, `<${name}>`]))
      const rendered = i18n.global.t(key, named)
      expect(rendered, key).not.toBe(key)
      for (const name of Object.keys(named)) expect(rendered, key).toContain(`<${name}>`)
    }
  })

  it('Uzbek uses the modifier letter for oʻ and gʻ, not a typewriter apostrophe', () => {
    for (const [key, text] of uz) expect(text, key).not.toMatch(/[OoGg]'/)
  })
})
