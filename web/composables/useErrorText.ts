import { useI18n } from 'vue-i18n'
import { errorCodeText, errorMessage, reasonText, type Reason } from '../i18n/errorMessage'

export type { Reason } from '../i18n/errorMessage'

/** The screen's words for a failure, in its language: a failed call, a stored code, or a kept refusal. */
export function useErrorText() {
  const words = useI18n()
  return {
    errorText: (error: unknown) => errorMessage(words, error),
    codeText: (code: string) => errorCodeText(words, code),
    reason: (reason: Reason | null | undefined) => (reason ? reasonText(words, reason) : ''),
  }
}
