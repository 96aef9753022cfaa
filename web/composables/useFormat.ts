import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { isLocale, LOCALE_TAGS } from '../i18n'

/** Dates and times in the reader's language. */
export function useFormat() {
  const { locale } = useI18n()
  const tag = computed(() => (isLocale(locale.value) ? LOCALE_TAGS[locale.value] : 'uz-Latn'))

  function dateTime(value: string | Date | null | undefined): string {
    if (!value) return ''
    const date = typeof value === 'string' ? new Date(value) : value
    if (Number.isNaN(date.getTime())) return ''
    return new Intl.DateTimeFormat(tag.value, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
  }

  function time(value: Date | null | undefined): string {
    if (!value) return ''
    return new Intl.DateTimeFormat(tag.value, { timeStyle: 'medium' }).format(value)
  }

  return { dateTime, time }
}
