import { useI18n } from 'vue-i18n'
import uz from './uz'
import ru from './ru'
import en from './en'

export const IMPORT_MESSAGES = { uz, ru, en }

/**
 * Adds the Import page's texts to the app's languages when the page first opens: they stay out of the first
 * bundle, which must load fast on a school tablet. Adding them again is harmless.
 */
export function useImportMessages(): void {
  const { mergeLocaleMessage } = useI18n({ useScope: 'global' })
  for (const [locale, messages] of Object.entries(IMPORT_MESSAGES)) mergeLocaleMessage(locale, messages)
}
