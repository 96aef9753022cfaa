import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { isLocale, LOCALE_TAGS } from '../i18n'
import { dateTimeText, timeText } from '../i18n/schoolTime'
import { useSchoolZoneStore } from '../stores/schoolZone'

const pad = (n: number) => String(n).padStart(2, '0')

/** Dates and times in the reader's language, on the school's wall clock (the screen's own until known). */
export function useFormat() {
  const { locale } = useI18n()
  const schoolZone = useSchoolZoneStore()
  const current = computed(() => (isLocale(locale.value) ? locale.value : 'uz'))

  function dateTime(value: string | Date | null | undefined): string {
    if (!value) return ''
    const date = typeof value === 'string' ? new Date(value) : value
    if (Number.isNaN(date.getTime())) return ''
    return dateTimeText(date, current.value, schoolZone.zone)
  }

  function time(value: Date | null | undefined): string {
    if (!value || Number.isNaN(value.getTime())) return ''
    return timeText(value, current.value, schoolZone.zone)
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
