import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { StudentSheet } from '../../shared/api'
import { studentSheet } from '../api/people'
import { useApi } from './useApi'

/**
 * The sheet of one person from the local server (fields, photo, state on every terminal with its age, the
 * school server's refusal, history), by the number the terminals know them by; none without a number.
 */
export function useStudentSheet(employeeNo: () => string | null) {
  const api = useApi()
  const sheet = shallowRef<StudentSheet | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let current: AbortController | null = null

  async function reload(): Promise<void> {
    const number = employeeNo()
    current?.abort()
    if (!number) {
      sheet.value = null
      return
    }
    const controller = new AbortController()
    current = controller
    loading.value = true
    try {
      const answer = await studentSheet(api, number, controller.signal)
      if (controller.signal.aborted) return
      sheet.value = answer
      error.value = null
    } catch (failure) {
      if (!controller.signal.aborted) error.value = failure
    } finally {
      if (current === controller) loading.value = false
    }
  }

  watch(employeeNo, reload, { immediate: true })
  onScopeDispose(() => current?.abort())
  return { sheet, loading, error, reload }
}
