// @vitest-environment happy-dom
// The Import page's texts load with the page, outside the app's message files; the same rules hold for them.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { useI18n } from 'vue-i18n'
import { createAppI18n, LOCALES } from '../../../../web/i18n'
import { IMPORT_MESSAGES, useImportMessages } from '../../../../web/i18n/messages/import/load'

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

describe('the Import page texts', () => {
  const uz = leaves(IMPORT_MESSAGES.uz)

  it.each(['ru', 'en'] as const)(
    '%s has exactly the keys Uzbek has, none empty, same placeholders',
    (locale) => {
      const other = leaves(IMPORT_MESSAGES[locale])
      expect([...other.keys()].sort()).toEqual([...uz.keys()].sort())
      for (const [key, text] of other) {
        expect(text.trim(), key).not.toBe('')
        expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(uz.get(key) ?? ''))
      }
    },
  )

  it.each(LOCALES)('join the app’s %s texts when the page opens, next to the entry button’s', (locale) => {
    const i18n = createAppI18n(locale)
    const Probe = defineComponent(() => {
      useImportMessages()
      const { t } = useI18n()
      return () => h('p', [t('classImport.title'), '|', t('classImport.entry')])
    })
    const text = mount(Probe, { global: { plugins: [i18n] } }).text()
    const [title, entry] = text.split('|')
    expect(title).toBe(IMPORT_MESSAGES[locale].classImport.title)
    expect(entry).not.toBe('classImport.entry')
    expect(entry!.length).toBeGreaterThan(5)
  })
})
