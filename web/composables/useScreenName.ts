import { useI18n } from 'vue-i18n'
import { defaultScreenNumber } from '../../shared/api/pairing'

/** A paired screen's name as shown: one the proxy gave by default reads in the screen's language. */
export function useScreenName() {
  const { t } = useI18n()
  return (name: string): string => {
    const n = defaultScreenNumber(name)
    return n === null ? name : t('settings.tokens.defaultName', { n })
  }
}
