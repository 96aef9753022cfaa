import { LOCALE_TAGS, type Locale } from '../../i18n'

/** "12.3 MB" / "1.4 GB", with the reader's decimal separator. */
export function formatBytes(bytes: number, locale: Locale): string {
  const gb = bytes / 1024 ** 3
  const [value, unit] = gb >= 1 ? [gb, 'GB'] : [bytes / 1024 ** 2, 'MB']
  const digits = value >= 100 ? 0 : 1
  const number = new Intl.NumberFormat(LOCALE_TAGS[locale], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value)
  return `${number} ${unit}`
}
