import type { ImportRow, RowProblemCode } from '../import'

export const PREVIEW_PAGE_SIZE = 50

export interface RowCounts {
  total: number
  good: number
  bad: number
}

export const isGood = (row: ImportRow): boolean => row.problems.length === 0

/** Each kind of problem once (a row missing both names has name_missing twice, with different details). */
export function problemCodes(row: ImportRow): RowProblemCode[] {
  return [...new Set(row.problems.map((problem) => problem.code))]
}

export function countRows(rows: readonly ImportRow[]): RowCounts {
  const good = rows.filter(isGood).length
  return { total: rows.length, good, bad: rows.length - good }
}

export function visibleRows(rows: readonly ImportRow[], onlyProblems: boolean): readonly ImportRow[] {
  return onlyProblems ? rows.filter((row) => !isGood(row)) : rows
}

export function pageCount(rowCount: number, size = PREVIEW_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(rowCount / size))
}

/** One page of rows (1-based; a page past the end shows the last one): only these are in the DOM. */
export function pageOf<T>(rows: readonly T[], page: number, size = PREVIEW_PAGE_SIZE): readonly T[] {
  const last = pageCount(rows.length, size)
  const current = Math.min(Math.max(1, page), last)
  return rows.slice((current - 1) * size, current * size)
}
