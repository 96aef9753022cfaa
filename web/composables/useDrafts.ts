import { computed, type Ref } from 'vue'
import { countDrafts } from '../db/drafts'
import type { Draft } from '../db/types'
import { useDraftsStore } from '../stores/drafts'
import { useLiveQuery } from './useLiveQuery'

/** Every draft, oldest first, and how many are in each state; both follow the database as it changes. */
export function useDraftList() {
  const store = useDraftsStore()
  const drafts = useLiveQuery<Draft[] | null>(() => store.repository().list(), null)
  const counts = computed(() => countDrafts(drafts.value ?? []))
  return { drafts, counts }
}

/** One draft as it moves through the sender (undefined once deleted, null until first read). */
export function useDraft(id: Ref<string | null>) {
  const store = useDraftsStore()
  return useLiveQuery<Draft | null | undefined>(
    () => (id.value ? store.repository().get(id.value) : undefined),
    null,
    id,
  )
}

/** How many drafts would go out before this one. */
export function useDraftsAhead(id: Ref<string | null>) {
  const store = useDraftsStore()
  return useLiveQuery<number>(
    async () => {
      const all = await store.repository().list()
      const index = all.findIndex((draft) => draft.id === id.value)
      if (index < 0) return 0
      return all.slice(0, index).filter((draft) => draft.status === 'waiting' || draft.status === 'sending')
        .length
    },
    0,
    id,
  )
}
