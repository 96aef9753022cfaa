import { RegistratorDb } from './database'
import { createDraftRepository, type DraftRepository } from './drafts'

let shared: DraftRepository | null = null

/** The app's one draft store (one Dexie connection per page). */
export function draftRepository(): DraftRepository {
  shared ??= createDraftRepository(new RegistratorDb())
  return shared
}
