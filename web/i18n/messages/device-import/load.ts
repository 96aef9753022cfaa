import { useI18n } from 'vue-i18n'
import uz from './uz'
import ru from './ru'
import en from './en'

export const DEVICE_IMPORT_MESSAGES = { uz, ru, en }

/**
 * Adds the device import page's and the export buttons' texts to the app's languages when they first show:
 * they stay out of the first bundle, which must load fast on a school tablet. Adding them again is harmless.
 */
export function useDeviceImportMessages(): void {
  const { mergeLocaleMessage } = useI18n({ useScope: 'global' })
  for (const [locale, messages] of Object.entries(DEVICE_IMPORT_MESSAGES))
    mergeLocaleMessage(locale, messages)
}
