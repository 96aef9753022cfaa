import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { isLocale, LOCALE_TAGS } from '../i18n'

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Uzbek dates are written by hand as 25.11.2025 08:56: browsers shipped with a reduced ICU (Debian's
 * Chromium among them) have no Uzbek patterns and print "2025 M11 25".
 */
function uzDateTime(date: Date): string {
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

function uzTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** Dates and times in the reader's language. */
export function useFormat() {
  const { locale } = useI18n()
  const current = computed(() => (isLocale(locale.value) ? locale.value : 'uz'))

  function dateTime(value: string | Date | null | undefined): string {
    if (!value) return ''
    const date = typeof value === 'string' ? new Date(value) : value
    if (Number.isNaN(date.getTime())) return ''
    if (current.value === 'uz') return uzDateTime(date)
    return new Intl.DateTimeFormat(LOCALE_TAGS[current.value], {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(date)
  }

  function time(value: Date | null | undefined): string {
    if (!value) return ''
    if (current.value === 'uz') return uzTime(value)
    return new Intl.DateTimeFormat(LOCALE_TAGS[current.value], { timeStyle: 'medium' }).format(value)
  }

  /**
   * A device's own clock as it printed it (`2026-12-07T10:20:11+05:00`): its wall-clock time, not moved
   * into the screen's zone, so it reads as the device shows it.
   */
  function wallClock(iso: string): string {
    const local = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)/.exec(iso)?.[1]
    const date = local ? new Date(`${local}Z`) : null
    if (!date || Number.isNaN(date.getTime())) return iso
    if (current.value === 'uz') {
      return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
    }
    return new Intl.DateTimeFormat(LOCALE_TAGS[current.value], {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'UTC',
    }).format(date)
  }

  return { dateTime, time, wallClock }
}
