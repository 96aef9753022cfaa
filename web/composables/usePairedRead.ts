import { onMounted, ref, shallowRef, watch } from 'vue'
import { useSessionStore } from '../stores/session'

/**
 * A read only a paired screen may make (an unpaired one has no right to ask), made on mount and again
 * whenever the pairing changes. `loading` while it runs; a failure stays in `error` until a read goes
 * through, so what the screen held before (or remembered) stays shown meanwhile.
 */
export function usePairedRead(read: () => Promise<void>) {
  const session = useSessionStore()
  const loading = ref(false)
  const error = shallowRef<unknown>(null)

  async function reload(): Promise<void> {
    if (!session.isPaired) return
    loading.value = true
    try {
      await read()
      error.value = null
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  onMounted(reload)
  watch(
    () => session.isPaired,
    () => void reload(),
  )
  return { loading, error, reload }
}
