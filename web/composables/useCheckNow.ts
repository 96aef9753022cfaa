import { ref, shallowRef, type Ref } from 'vue'
import { LIVE_CHECK_MAX_STUDENTS, type StudentListItem } from '../../shared/api'
import { liveCheck } from '../api/live-check'
import { useApi } from './useApi'

/**
 * "Check now" for what is on screen: one batched live check of every shown student with a number (the
 * terminals are asked, the proxy remembers the answers), then `done` so the list reloads with the fresh
 * states and their age.
 */
export function useCheckNow(visible: Ref<readonly StudentListItem[]>, done: () => Promise<void> | void) {
  const api = useApi()
  const checking = ref(false)
  const error = shallowRef<unknown>(null)

  async function check(): Promise<void> {
    const employeeNos = visible.value.flatMap((student) => (student.employeeNo ? [student.employeeNo] : []))
    if (employeeNos.length === 0 || checking.value) return
    checking.value = true
    error.value = null
    try {
      for (let start = 0; start < employeeNos.length; start += LIVE_CHECK_MAX_STUDENTS) {
        await liveCheck(
          api,
          { employeeNos: employeeNos.slice(start, start + LIVE_CHECK_MAX_STUDENTS) },
          120_000,
        )
      }
      await done()
    } catch (failure) {
      error.value = failure
    } finally {
      checking.value = false
    }
  }

  return { checking, error, check }
}
