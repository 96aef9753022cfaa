import { onMounted, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { StudentListResponse } from '../../shared/api'
import { listStudents } from '../api/students'
import { useSessionStore } from '../stores/session'
import { rememberStudents } from './studentRoster'
import { useApi } from './useApi'

const SEARCH_PAUSE_MS = 300

/**
 * One page of the school's students from GET /api/students, for a search text and a class. A new search or
 * class starts again at page 1; typing waits for a pause; an answer to an older question is dropped.
 */
export function useStudents() {
  const api = useApi()
  const session = useSessionStore()
  const page = ref(1)
  const search = ref('')
  const classId = ref('')
  const result = shallowRef<StudentListResponse | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let current: AbortController | null = null
  let pause: ReturnType<typeof setTimeout> | null = null

  async function load(): Promise<void> {
    if (!session.isPaired) return
    current?.abort()
    const controller = new AbortController()
    current = controller
    loading.value = true
    try {
      const answer = await listStudents(
        api,
        {
          page: page.value,
          search: search.value.trim() || undefined,
          classId: classId.value || undefined,
        },
        controller.signal,
      )
      if (controller.signal.aborted) return
      const wholeClass = classId.value && !search.value.trim() && answer.totalPages <= 1
      rememberStudents(answer.students, wholeClass ? classId.value : undefined)
      result.value = answer
      error.value = null
    } catch (failure) {
      if (controller.signal.aborted) return
      error.value = failure
    } finally {
      if (current === controller) loading.value = false
    }
  }

  function restart(): void {
    if (page.value === 1) void load()
    else page.value = 1
  }

  watch(search, () => {
    if (pause) clearTimeout(pause)
    pause = setTimeout(restart, SEARCH_PAUSE_MS)
  })
  watch(classId, restart)
  watch(page, () => void load())
  watch(
    () => session.isPaired,
    () => void load(),
  )
  onMounted(load)
  onScopeDispose(() => {
    current?.abort()
    if (pause) clearTimeout(pause)
  })

  return { page, search, classId, result, loading, error, reload: load }
}
