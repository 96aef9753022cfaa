import { describe, expect, it } from 'vitest'
import { suggestClassFor } from '../../../../web/import/suggestClassFor'

const CLASSES = [
  { id: 'a', name: '5-A' },
  { id: 'b', name: '5-B' },
  { id: 'c', name: '10-A' },
  { id: 'd', name: '11 “V”' },
]

describe('suggestClassFor', () => {
  it('matches a label written with or without a dash, a space, in any case, in Cyrillic, with "sinf"', () => {
    expect(
      suggestClassFor(['5-A', '5A', '5 a', '5-а', '5-B sinf', '10a', '11-V', '11 В класс'], CLASSES),
    ).toEqual({
      '5-A': 'a',
      '5A': 'a',
      '5 a': 'a',
      '5-а': 'a',
      '5-B sinf': 'b',
      '10a': 'c',
      '11-V': 'd',
      '11 В класс': 'd',
    })
  })

  it('leaves out a label matching no class, and one matching two', () => {
    const twins = [...CLASSES, { id: 'e', name: '5 A' }]
    expect(suggestClassFor(['6-A', '1-A', '5-A', 'CSV'], twins)).toEqual({})
  })
})
