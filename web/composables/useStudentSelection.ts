import { computed, ref, type Ref } from 'vue'
import type { StudentListItem } from '../../shared/api'

/**
 * The rows the secretary ticked on the Students page, by student id. Kept across a search or a page
 * change (ticking students of two classes is allowed); `visible` are the rows on screen now.
 */
export function useStudentSelection(visible: Ref<readonly StudentListItem[]>) {
  const chosen = ref(new Map<string, StudentListItem>())

  const count = computed(() => chosen.value.size)
  const selected = computed(() => [...chosen.value.values()])
  const allVisibleChosen = computed(
    () => visible.value.length > 0 && visible.value.every((student) => chosen.value.has(student.id)),
  )

  function isChosen(id: string): boolean {
    return chosen.value.has(id)
  }

  function toggle(student: StudentListItem): void {
    const next = new Map(chosen.value)
    if (next.has(student.id)) next.delete(student.id)
    else next.set(student.id, student)
    chosen.value = next
  }

  /** Ticks every row on screen, or unticks them when all were ticked. */
  function toggleVisible(): void {
    const next = new Map(chosen.value)
    if (allVisibleChosen.value) for (const student of visible.value) next.delete(student.id)
    else for (const student of visible.value) next.set(student.id, student)
    chosen.value = next
  }

  function clear(): void {
    chosen.value = new Map()
  }

  return { count, selected, allVisibleChosen, isChosen, toggle, toggleVisible, clear }
}
