import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { isApiError } from '../api/errors'
import { useSessionStore } from '../stores/session'
import { useApi } from './useApi'
import { useErrorText } from './useErrorText'

/** Answers that mean "this code is no good", whatever the proxy's exact reason. */
const REJECTED_CODE = new Set(['unauthorized', 'forbidden', 'not_found', 'validation_failed', 'conflict'])

export function usePairing() {
  const api = useApi()
  const session = useSessionStore()
  const { t } = useI18n()
  const words = useErrorText()
  const pairing = ref(false)
  const failure = ref<unknown>(null)
  const succeeded = ref(false)

  const errorText = computed(() => {
    if (failure.value === null) return null
    if (isApiError(failure.value) && REJECTED_CODE.has(failure.value.code))
      return t('settings.pairing.codeRejected')
    return words.errorText(failure.value)
  })

  async function pair(code: string, name?: string): Promise<boolean> {
    const trimmedName = name?.trim()
    pairing.value = true
    failure.value = null
    succeeded.value = false
    try {
      const result = await api.pair({ code: code.trim(), ...(trimmedName ? { name: trimmedName } : {}) })
      session.setPaired(result)
      succeeded.value = true
      return true
    } catch (error) {
      failure.value = error
      return false
    } finally {
      pairing.value = false
    }
  }

  /** A code that came in the address from a scanned QR: used once, then forgotten. */
  function takePendingCode(): string | null {
    const code = session.pendingPairCode
    session.pendingPairCode = null
    return code
  }

  return { pairing, succeeded, errorText, pair, takePendingCode }
}
