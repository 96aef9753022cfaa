import type { Locale } from '../../i18n'

/** Uzbek and Russian write a decimal comma; done by hand, since browsers with a reduced ICU have no Uzbek. */
const DECIMAL_COMMA: Record<Locale, boolean> = { uz: true, ru: true, en: false }

/** Russian writes the units in Cyrillic. */
const UNITS: Record<Locale, { mb: string; gb: string }> = {
  uz: { mb: 'MB', gb: 'GB' },
  ru: { mb: 'МБ', gb: 'ГБ' },
  en: { mb: 'MB', gb: 'GB' },
}

/** "12,3 MB" / "1,4 GB" (uz), "12,3 МБ" (ru) or "12.3 MB" (en). */
export function formatBytes(bytes: number, locale: Locale): string {
  const gb = bytes / 1024 ** 3
  const [value, unit] = gb >= 1 ? [gb, UNITS[locale].gb] : [bytes / 1024 ** 2, UNITS[locale].mb]
  const text = value.toFixed(value >= 100 ? 0 : 1)
  return `${DECIMAL_COMMA[locale] ? text.replace('.', ',') : text} ${unit}`
}
