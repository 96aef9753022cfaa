import { ref, shallowRef } from 'vue'
import { ClassListResponse, type ClassListItem } from '../../shared/api'
import { listClasses } from '../api/classes'
import { useApi } from './useApi'
import { localCache } from './localCache'
import { usePairedRead } from './usePairedRead'

export const CLASSES_CACHE_KEY = 'sr.classes'
const cache = localCache(CLASSES_CACHE_KEY, ClassListResponse)

/** The class id for a class name typed by hand, from the last class list the tablet saw. */
export function classIdByName(name: string): string | undefined {
  const wanted = classNameKey(name)
  return cache.read()?.find((item) => classNameKey(item.name) === wanted)?.id
}

/** A class name as two spellings of it compare: "5-A", "5 a" and "5А" typed by hand are one class. */
export function classNameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '').replace(/[-–—]/g, '')
}

export function sortClasses(classes: readonly ClassListItem[]): ClassListItem[] {
  return [...classes].sort(
    (a, b) =>
      (a.gradeLevel ?? 99) - (b.gradeLevel ?? 99) || a.name.localeCompare(b.name, 'uz', { numeric: true }),
  )
}

/**
 * The school's classes from GET /api/classes, remembered for offline use. `classes` stays null when the
 * list was never reachable: the form then asks for the class as text.
 */
export function useClasses() {
  const api = useApi()
  const classes = shallowRef<ClassListItem[] | null>(cache.read())
  const fromCache = ref(classes.value !== null)
  const { error, reload } = usePairedRead(async () => {
    const fresh = sortClasses(await listClasses(api))
    cache.write(fresh)
    classes.value = fresh
    fromCache.value = false
  })
  return { classes, fromCache, error, reload }
}
