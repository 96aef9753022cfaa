import { shallowRef } from 'vue'
import { z } from 'zod'
import type { StudentListItem } from '../../shared/api'
import { compareKey } from '../import/text'
import { localCache } from './localCache'
import { classNameKey } from './useClasses'

/** What the tablet keeps of a student it has seen in a list: enough to spot the same child enrolled twice. */
export const RosterEntry = z.object({
  id: z.string(),
  employeeNo: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  fatherName: z.string().nullable(),
  classId: z.string().nullable(),
  className: z.string().nullable(),
})
export type RosterEntry = z.infer<typeof RosterEntry>

export const ROSTER_KEY = 'sr.students.roster'
/** a large school; beyond it the oldest entries go (a few hundred KB of localStorage at most) */
export const ROSTER_MAX = 4000
const cache = localCache(ROSTER_KEY, z.array(RosterEntry))

/** One roster for every screen of the app, so the Students page fills what the Enroll form checks. */
const roster = shallowRef<RosterEntry[]>(cache.read() ?? [])

function entryOf(student: StudentListItem): RosterEntry | null {
  const lastName = student.lastName ?? ''
  const firstName = student.firstName ?? ''
  if (!lastName && !firstName) return null
  return {
    id: student.id,
    employeeNo: student.employeeNo,
    firstName,
    lastName,
    fatherName: student.fatherName,
    classId: student.classId,
    className: student.className,
  }
}

/**
 * Keeps the students of a list answer. `wholeClass` names a class whose every student the answer holds:
 * those of that class not in it have left it, and go.
 */
export function rememberStudents(students: readonly StudentListItem[], wholeClass?: string): void {
  const fresh = students.map(entryOf).filter((entry): entry is RosterEntry => entry !== null)
  const ids = new Set(fresh.map((entry) => entry.id))
  const kept = roster.value.filter(
    (entry) => !ids.has(entry.id) && (wholeClass === undefined || entry.classId !== wholeClass),
  )
  roster.value = [...fresh, ...kept].slice(0, ROSTER_MAX)
  cache.write(roster.value)
}

export function readRoster(): readonly RosterEntry[] {
  return roster.value
}

/** Reloads what another tab or a test wrote. */
export function reloadRoster(): void {
  roster.value = cache.read() ?? []
}

/**
 * The students already known with these names in this class: the same surname and first name (whatever the
 * apostrophe or case), the class by id, or by name when it was typed by hand.
 */
export function likelyDuplicates(candidate: {
  lastName: string
  firstName: string
  classId: string
  className: string
}): RosterEntry[] {
  const last = compareKey(candidate.lastName)
  const first = compareKey(candidate.firstName)
  if (!last || !first) return []
  return roster.value.filter((entry) => {
    if (compareKey(entry.lastName) !== last || compareKey(entry.firstName) !== first) return false
    if (candidate.classId) return entry.classId === candidate.classId
    return !!entry.className && classNameKey(entry.className) === classNameKey(candidate.className)
  })
}
