import { ref, shallowRef } from 'vue'
import { ClassListItem, type ClassCreate } from '../../shared/api'
import { useApi } from './useApi'

/** POST /api/classes (an admin's screen only): a class the school server lacks, made from the Import page. */
export function useCreateClass() {
  const api = useApi()
  const busy = ref(false)
  const error = shallowRef<unknown>(null)

  async function create(input: ClassCreate): Promise<ClassListItem | null> {
    busy.value = true
    error.value = null
    try {
      return await api.request('POST', '/api/classes', { schema: ClassListItem, body: input })
    } catch (failure) {
      error.value = failure
      return null
    } finally {
      busy.value = false
    }
  }

  return { busy, error, create }
}
