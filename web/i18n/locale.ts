import { createI18n } from 'vue-i18n'
import type { Messages } from './messages/uz'

export const LOCALES = ['uz', 'ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'uz'
export const LOCALE_STORAGE_KEY = 'sr.locale'

/** What each language calls itself, so a reader finds their own language whatever is shown now. */
export const LOCALE_NAMES: Record<Locale, string> = { uz: 'Oʻzbekcha', ru: 'Русский', en: 'English' }

/** BCP 47 tags for `<html lang>` and for date formatting. */
export const LOCALE_TAGS: Record<Locale, string> = { uz: 'uz-Latn', ru: 'ru', en: 'en' }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function readSavedLocale(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): Locale {
  try {
    const saved = storage?.getItem(LOCALE_STORAGE_KEY)
    return isLocale(saved) ? saved : DEFAULT_LOCALE
  } catch {
    // storage can be blocked (private mode, policies); the default language still works
    return DEFAULT_LOCALE
  }
}

/** The app's i18n in `locale`, with the languages whose texts are at hand (the default one among them). */
export function buildI18n(locale: Locale, messages: Partial<Record<Locale, Messages>>) {
  applyDocumentLanguage(locale)
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: messages as Record<Locale, Messages>,
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type AppI18n = ReturnType<typeof buildI18n>

export function applyDocumentLanguage(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = LOCALE_TAGS[locale]
}
