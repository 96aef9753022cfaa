import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { draftRepository } from '../db'
import type { DraftRepository } from '../db/drafts'
import { requestPersistentStorage } from '../db/storage'
import type { Draft, DraftChanges, NewDraft } from '../db/types'
import type { DraftSender } from '../sync/sender'

/**
 * The actions people take on drafts. Dexie is the source of truth (lists come from live queries); this store
 * only routes each action to the repository and wakes the sender, so a saved or retried draft goes at once.
 */
export const useDraftsStore = defineStore('drafts', () => {
  let repo: DraftRepository | null = null
  const sender = shallowRef<DraftSender | null>(null)
  /** what the browser said to "keep these drafts"; null until asked (or when it cannot tell) */
  const persisted = ref<boolean | null>(null)
  let persistenceAsked = false

  function repository(): DraftRepository {
    repo ??= draftRepository()
    return repo
  }

  /** Tests and the app root plug in their own store and sender. */
  function connect(parts: { repo?: DraftRepository; sender?: DraftSender | null }): void {
    if (parts.repo) repo = parts.repo
    if (parts.sender !== undefined) sender.value = parts.sender
  }

  /** Looks at the queue now; a hold (the proxy is down, a device is locked) still holds. */
  function wake(): void {
    sender.value?.kick()
  }

  async function save(input: NewDraft): Promise<Draft> {
    const draft = await repository().add(input)
    // asked with the first draft, not at start-up: that is when there is something to keep
    if (!persistenceAsked) {
      persistenceAsked = true
      void requestPersistentStorage().then((granted) => (persisted.value = granted))
    }
    wake()
    return draft
  }

  async function edit(id: string, changes: DraftChanges): Promise<Draft> {
    const draft = await repository().edit(id, changes)
    wake()
    return draft
  }

  /** "Retry" and "send now": a person asks for it, so a hold is lifted and the draft goes at once. */
  async function retry(id: string): Promise<void> {
    await repository().retry(id)
    sender.value?.kick('person')
  }

  async function remove(id: string): Promise<void> {
    await repository().remove(id)
  }

  async function clearDone(): Promise<number> {
    return repository().clearDone()
  }

  return { sender, persisted, repository, connect, save, edit, retry, remove, clearDone }
})
