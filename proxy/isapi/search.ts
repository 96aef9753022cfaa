import { randomUUID } from 'node:crypto'
import { invalidInput } from './errors'
import { int, searchStatus, type SearchStatus } from './schemas'

/** What the people, face and event searches share: the page asked for, and the counts in the answer. */

/** Devices page and delete in thirties (`maxResults @max 30`, `EmployeeNoList maxSize 30`). */
export const MAX_PAGE = 30

/** The status and counts every search answer carries beside its list. */
export const searchCounts = {
  responseStatusStrg: searchStatus,
  numOfMatches: int.optional(),
  totalMatches: int.optional(),
}

/** The page a search asks for: from `position` (0 or more), 1 to MAX_PAGE records. */
export function pageRequest(query: { position?: number; max?: number }): {
  searchResultPosition: number
  maxResults: number
} {
  const position = query.position ?? 0
  if (!Number.isInteger(position) || position < 0)
    throw invalidInput('position', 'position must be 0 or more')
  const max = Math.min(MAX_PAGE, Math.max(1, Math.trunc(query.max ?? MAX_PAGE)))
  return { searchResultPosition: position, maxResults: max }
}

/** The caller's search id, or a new one: the same id across pages of one scan lets the device keep its cursor. */
export function searchIdOf(query: { searchId?: string }): string {
  return query.searchId ?? randomUUID().replace(/-/g, '')
}

/** A page's status and counts; a count the device leaves out is the page's own length. */
export function pageCounts(
  doc: { responseStatusStrg: SearchStatus; totalMatches?: number; numOfMatches?: number },
  length: number,
): { status: SearchStatus; total: number; matches: number } {
  return {
    status: doc.responseStatusStrg,
    total: doc.totalMatches ?? length,
    matches: doc.numOfMatches ?? length,
  }
}
