import { describe, expect, it } from 'vitest'
import { cutToBytes, utf8Length } from '../../../../proxy/isapi/text'

describe('cutting a name to the device byte limit', () => {
  it('leaves a name that fits untouched', () => {
    expect(cutToBytes('Ali Valiyev', 32)).toBe('Ali Valiyev')
  })

  it('never splits a two-byte letter (Cyrillic, Uzbek oʻ)', () => {
    const name = 'Шоҳруҳ Тошматов'
    for (let limit = 0; limit <= utf8Length(name); limit++) {
      const cut = cutToBytes(name, limit)
      expect(utf8Length(cut)).toBeLessThanOrEqual(limit)
      expect(name.startsWith(cut)).toBe(true)
      expect(cut).not.toContain('\ufffd')
    }
    expect(cutToBytes('Oʻgʻiloy', 3)).toBe('Oʻ')
  })

  it('keeps a letter with its combining mark, and emoji sequences, whole', () => {
    const decomposed = 'Jose\u0301' // e + combining acute: 2 code points, 1 character
    expect(cutToBytes(decomposed, 5)).toBe('Jos')
    const family = 'A👨‍👩‍👧'
    expect(cutToBytes(family, 10)).toBe('A')
    expect(cutToBytes('🇺🇿 maktab', 4)).toBe('')
  })

  it('returns an empty string for a zero or negative budget', () => {
    expect(cutToBytes('abc', 0)).toBe('')
    expect(cutToBytes('abc', -1)).toBe('')
  })
})
