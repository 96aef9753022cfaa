import { describe, expect, it } from 'vitest'
import { gradeOf, initialMapping, labelsOf } from '../../../../web/composables/classImportMapping'
import {
  countRows,
  pageCount,
  pageOf,
  PREVIEW_PAGE_SIZE,
  problemCodes,
  visibleRows,
} from '../../../../web/composables/classImportPreview'
import { problem, row, workbook } from './rows'

const CLASSES = [
  { id: 'c5a', name: '5-A' },
  { id: 'c5b', name: '5-B' },
]

describe('mapping sheets to classes', () => {
  it('lists each class label once, in file order, with its row count', () => {
    const parsed = workbook([row('5A', 2), row('5A', 3), row('6 b', 2), row('5A', 4)])
    expect(labelsOf(parsed)).toEqual([
      { label: '5A', rows: 3 },
      { label: '6 b', rows: 1 },
    ])
  })

  it('starts from the guess, keeps what the person picked before, and forgets classes that are gone', () => {
    const suggested = { '5A': 'c5a', '5 b': 'c5b', '7-V': 'c-deleted' }
    expect(initialMapping(['5A', '5 b', '7-V', '9'], CLASSES, suggested)).toEqual({
      '5A': 'c5a',
      '5 b': 'c5b',
    })
    expect(initialMapping(['5A', '5 b'], CLASSES, suggested, { '5A': 'c5b' })).toEqual({
      '5A': 'c5b',
      '5 b': 'c5b',
    })
    expect(initialMapping(['5A'], CLASSES, suggested, { '5A': 'c-gone' })).toEqual({})
  })

  it('reads the grade a new class gets from the label', () => {
    expect(gradeOf('5-A')).toBe(5)
    expect(gradeOf(' 11 B')).toBe(11)
    expect(gradeOf('0')).toBe(0)
    expect(gradeOf('Tayyorlov')).toBeNull()
    expect(gradeOf('15-A')).toBeNull()
  })
})

describe('the preview', () => {
  const rows = Array.from({ length: 130 }, (_, index) =>
    row('5-A', index + 2, index % 10 === 0 ? { problems: [problem('photo_missing')] } : {}),
  )

  it('counts good rows and rows with problems', () => {
    expect(countRows(rows)).toEqual({ total: 130, good: 117, bad: 13 })
    expect(countRows([])).toEqual({ total: 0, good: 0, bad: 0 })
  })

  it('names each kind of problem of a row once', () => {
    const nameless = row('5-A', 2, {
      lastName: '',
      firstName: '',
      problems: [
        { code: 'name_missing', detail: 'lastName' },
        { code: 'name_missing', detail: 'firstName' },
        problem('photo_missing'),
      ],
    })
    expect(problemCodes(nameless)).toEqual(['name_missing', 'photo_missing'])
  })

  it('"only problems" keeps just the rows that will be skipped', () => {
    const bad = visibleRows(rows, true)
    expect(bad).toHaveLength(13)
    expect(bad.every((r) => r.problems.length > 0)).toBe(true)
    expect(visibleRows(rows, false)).toHaveLength(130)
  })

  it('shows a page of rows at a time, so thousands never sit in the page at once', () => {
    expect(PREVIEW_PAGE_SIZE).toBe(50)
    expect(pageCount(130)).toBe(3)
    expect(pageCount(0)).toBe(1)
    expect(pageOf(rows, 1).map((r) => r.rowNumber)).toEqual(rows.slice(0, 50).map((r) => r.rowNumber))
    expect(pageOf(rows, 3)).toHaveLength(30)
    expect(pageOf(rows, 9)).toEqual(pageOf(rows, 3))
    expect(pageOf(rows, 0)).toEqual(pageOf(rows, 1))
    const thousands = Array.from({ length: 5000 }, (_, i) => i)
    expect(pageOf(thousands, 100)).toEqual(thousands.slice(4950))
  })
})
