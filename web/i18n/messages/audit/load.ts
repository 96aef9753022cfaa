import { useI18n } from 'vue-i18n'
import en from './en'
import ru from './ru'
import uz from './uz'

export const AUDIT_MESSAGES = { uz, ru, en }

/**
 * Adds the audit texts to the app's languages when the audit page (or its Settings panel) first opens: they
 * stay out of the first bundle, which must load fast on a school tablet. Adding them again is harmless.
 */
export function useAuditMessages(): void {
  const { mergeLocaleMessage } = useI18n({ useScope: 'global' })
  for (const [locale, messages] of Object.entries(AUDIT_MESSAGES)) mergeLocaleMessage(locale, messages)
}
