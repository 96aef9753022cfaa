import { useI18n } from 'vue-i18n'
import en from './en'
import ru from './ru'
import uz from './uz'

export const DEVICE_SETTINGS_MESSAGES = { uz, ru, en }

/**
 * Adds the settings page's texts to the app's languages when the page first opens: they stay out of the
 * first bundle, which must load fast on a school tablet. Adding them again is harmless.
 */
export function useDeviceSettingsMessages(): void {
  const { mergeLocaleMessage } = useI18n({ useScope: 'global' })
  for (const [locale, messages] of Object.entries(DEVICE_SETTINGS_MESSAGES))
    mergeLocaleMessage(locale, messages)
}
