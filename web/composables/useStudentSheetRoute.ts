import { shallowRef, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { StudentListItem } from '../../shared/api'
import type { PhotoBytes } from '../db/types'
import { useDraftsStore } from '../stores/drafts'
import { duplicateEmployeeNo, editValuesFromDraft, personFromDraft, personFromRoster } from './sheetTarget'
import type { StudentEditValues } from './studentEditForm'
import { readRoster } from './studentRoster'

/**
 * Which student's sheet is open on the Students page. Besides a tap on a row, the address opens one:
 * `?student=<school id>` (the Enroll form's duplicate warning) and `?fromDraft=<draft>` (a draft refused
 * because the person is already on the terminals: the sheet opens ready to update them with the draft's
 * names and face; once updated, the draft is done with and goes).
 */
export function useStudentSheetRoute(students: Ref<readonly StudentListItem[]>) {
  const route = useRoute()
  const router = useRouter()
  const drafts = useDraftsStore()
  const sheetFor = shallowRef<StudentListItem | null>(null)
  const sheetDraft = shallowRef<{ id: string; values: StudentEditValues; photo: PhotoBytes | null } | null>(
    null,
  )

  watch(
    [() => route.query.student, students],
    ([wanted]) => {
      if (typeof wanted !== 'string' || sheetFor.value?.id === wanted) return
      const listed = students.value.find((item) => item.id === wanted)
      const kept = listed ? undefined : readRoster().find((entry) => entry.id === wanted)
      if (listed) sheetFor.value = listed
      else if (kept) sheetFor.value = personFromRoster(kept)
    },
    { immediate: true },
  )

  watch(
    () => route.query.fromDraft,
    async (id) => {
      if (typeof id !== 'string') return
      const repo = drafts.repository()
      const draft = await repo.get(id)
      const employeeNo = draft ? duplicateEmployeeNo(draft) : null
      if (!draft || !employeeNo) return
      sheetDraft.value = { id, values: editValuesFromDraft(draft.student), photo: await repo.getPhoto(id) }
      sheetFor.value = personFromDraft(draft, employeeNo)
    },
    { immediate: true },
  )

  function open(student: StudentListItem): void {
    sheetDraft.value = null
    sheetFor.value = student
  }

  function close(): void {
    sheetFor.value = null
    sheetDraft.value = null
    if (route.query.student || route.query.fromDraft)
      void router.replace({ query: { ...route.query, student: undefined, fromDraft: undefined } })
  }

  /** The sheet changed the person: a draft it was opened from has been carried out. */
  async function changed(): Promise<void> {
    const draft = sheetDraft.value
    if (!draft) return
    await drafts.remove(draft.id)
    sheetDraft.value = null
  }

  return { sheetFor, sheetDraft, open, close, changed }
}
