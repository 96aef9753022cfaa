import { defineStore } from 'pinia'
import { ref } from 'vue'

export const SCHOOL_ZONE_STORAGE_KEY = 'sr.schoolTimeZone'

/** A zone name this browser's time-zone database knows; anything else is no zone at all. */
export function knownTimeZone(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return null
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

function load(): string | null {
  try {
    return knownTimeZone(globalThis.localStorage?.getItem(SCHOOL_ZONE_STORAGE_KEY))
  } catch {
    return null
  }
}

/**
 * The school's time zone as the proxy names it, kept so a screen that starts offline still shows the
 * school's wall clock. Null until the proxy has told: times are then shown in the screen's own zone.
 */
export const useSchoolZoneStore = defineStore('schoolZone', () => {
  const zone = ref<string | null>(load())

  function set(name: string | null | undefined): void {
    const known = knownTimeZone(name)
    if (!known || known === zone.value) return
    zone.value = known
    try {
      globalThis.localStorage?.setItem(SCHOOL_ZONE_STORAGE_KEY, known)
    } catch {
      // storage blocked: the zone is known until the tab closes
    }
  }

  return { zone, set }
})
