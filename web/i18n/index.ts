import uz, { type Messages } from './messages/uz'
import ru from './messages/ru'
import en from './messages/en'
import {
  applyDocumentLanguage,
  buildI18n,
  LOCALE_STORAGE_KEY,
  readSavedLocale,
  type AppI18n,
  type Locale,
} from './locale'

export * from './locale'

// Every language's texts: for switching languages (Settings) and for tests. The app starts with only the
// default language and the chosen one (./startup.ts), so the other two stay out of the first bundle.
export const MESSAGES: Record<Locale, Messages> = { uz, ru, en }

export function createAppI18n(locale: Locale = readSavedLocale()): AppI18n {
  return buildI18n(locale, MESSAGES)
}

/**
 * Switch the language (of `i18n.global` or of `useI18n()`) and remember it for the next start. The app may
 * have started without this language's texts; adding them again is harmless.
 */
export function setLocale(
  composer: { locale: { value: string }; mergeLocaleMessage(locale: Locale, messages: Messages): void },
  locale: Locale,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  composer.mergeLocaleMessage(locale, MESSAGES[locale])
  composer.locale.value = locale
  applyDocumentLanguage(locale)
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // not remembered, but the switch itself worked
  }
}
