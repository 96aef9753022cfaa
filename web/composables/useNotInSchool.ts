import { ref, shallowRef } from 'vue'
import { UnlinkedPeople } from '../../shared/api'
import { useApi } from './useApi'

/** The people on the terminals whom the school database lacks (admin): every terminal searched, on request. */
export function useNotInSchool() {
  const api = useApi()
  const result = shallowRef<UnlinkedPeople | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      result.value = await api.request('GET', '/api/students/not-in-school', {
        schema: UnlinkedPeople,
        timeoutMs: 120_000,
      })
    } catch (failure) {
      error.value = failure
    } finally {
      loading.value = false
    }
  }

  return { result, loading, error, load }
}
