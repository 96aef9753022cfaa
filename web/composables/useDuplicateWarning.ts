import { computed, inject, watch } from 'vue'
import { listStudents } from '../api/students'
import { useSessionStore } from '../stores/session'
import { likelyDuplicates, rememberStudents } from './studentRoster'
import { apiClientKey } from './useApi'

interface Candidate {
  lastName: string
  firstName: string
  classId: string
  className: string
}

/** pages of one class fetched at most; a class past 100 students is not a class */
const CLASS_PAGES_MAX = 2

/**
 * The students of the picked class who bear the typed names, from the list the tablet keeps (so it warns
 * offline too). Picking a class refreshes that class in the background when the proxy is there.
 */
export function useDuplicateWarning(candidate: Candidate) {
  const api = inject(apiClientKey, null)
  const session = useSessionStore()

  async function refreshClass(classId: string): Promise<void> {
    if (!api || !session.isPaired || !classId) return
    const students = []
    try {
      for (let page = 1; page <= CLASS_PAGES_MAX; page += 1) {
        const answer = await listStudents(api, { page, classId })
        students.push(...answer.students)
        if (page >= answer.totalPages) {
          rememberStudents(students, classId)
          return
        }
      }
      rememberStudents(students)
    } catch {
      // offline or the school server away: the warning works from what the tablet already keeps
    }
  }

  watch(() => candidate.classId, refreshClass, { immediate: true })

  const duplicates = computed(() => likelyDuplicates(candidate))
  return { duplicates }
}
