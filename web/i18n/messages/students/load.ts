import { useI18n } from 'vue-i18n'
import en from './en'
import ru from './ru'
import uz from './uz'

export const STUDENT_MESSAGES = { uz, ru, en }

/**
 * Adds these texts to the app's languages when the Students page, the student sheet and a school server refusal first show: they stay out of
 * the first bundle, which must load fast on a school tablet. Adding them again is harmless.
 */
export function useStudentMessages(): void {
  const { mergeLocaleMessage } = useI18n({ useScope: 'global' })
  for (const [locale, messages] of Object.entries(STUDENT_MESSAGES)) mergeLocaleMessage(locale, messages)
}
