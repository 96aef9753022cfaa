import uz, { type Messages } from './messages/uz'
import { buildI18n, DEFAULT_LOCALE, readSavedLocale, type AppI18n, type Locale } from './locale'

// Uzbek is the default language and the fallback, so it ships in the first bundle; another chosen language
// is one small chunk, loaded before the first paint so that the first screen is already in it.
const TEXTS: Record<Locale, () => Promise<{ default: Messages }>> = {
  uz: async () => ({ default: uz }),
  ru: () => import('./messages/ru'),
  en: () => import('./messages/en'),
}

/** The i18n the app starts with: the default language's texts, and the saved language's when it differs. */
export async function createStartupI18n(locale: Locale = readSavedLocale()): Promise<AppI18n> {
  const fallback = { [DEFAULT_LOCALE]: (await TEXTS[DEFAULT_LOCALE]()).default }
  try {
    const { default: chosen } = await TEXTS[locale]()
    return buildI18n(locale, { ...fallback, [locale]: chosen })
  } catch {
    // its chunk could not load (offline before the app was cached): start in the default language
    return buildI18n(DEFAULT_LOCALE, fallback)
  }
}
