import { z } from 'zod'
import { localCache } from './localCache'

/** A class as the Enroll form keeps it: the id from the class list, or only the name typed by hand. */
export const RememberedClass = z.object({ classId: z.string(), className: z.string() })
export type RememberedClass = z.infer<typeof RememberedClass>

const CarriedOver = z.object({
  klass: RememberedClass.nullable(),
  gender: z.enum(['', 'male', 'female']),
  recent: z.array(RememberedClass),
})
type CarriedOver = z.infer<typeof CarriedOver>

export const ENROLL_CARRY_KEY = 'sr.enroll.carry'
/** as many recent classes as fit in one row of large buttons on a tablet */
export const RECENT_CLASSES_MAX = 4
const cache = localCache(ENROLL_CARRY_KEY, CarriedOver)

const sameClass = (a: RememberedClass, b: RememberedClass) =>
  a.classId !== '' || b.classId !== '' ? a.classId === b.classId : a.className.trim() === b.className.trim()

function read(): CarriedOver {
  return cache.read() ?? { klass: null, gender: '', recent: [] }
}

/**
 * What stays from one student to the next on this tablet: a whole class is enrolled in a row, so its class
 * and (often) gender are the same, and the classes used lately are one tap away.
 */
export function carriedOver(): { klass: RememberedClass | null; gender: '' | 'male' | 'female' } {
  const { klass, gender } = read()
  return { klass, gender }
}

export function recentClasses(): RememberedClass[] {
  return read().recent
}

/** Called when a student is saved: their class goes first in the recent list, without repeats. */
export function rememberEnrolled(values: RememberedClass & { gender: '' | 'male' | 'female' }): void {
  const klass = { classId: values.classId, className: values.className.trim() }
  if (klass.classId === '' && klass.className === '') return
  const recent = [klass, ...read().recent.filter((item) => !sameClass(item, klass))].slice(
    0,
    RECENT_CLASSES_MAX,
  )
  cache.write({ klass, gender: values.gender, recent })
}
