import Dexie, { type EntityTable } from 'dexie'
import type { Draft, DraftPhoto } from './types'

export const DB_NAME = 'student-registrator'

/** The tablet's own store: drafts wait here until the proxy has written them to the devices. */
export class RegistratorDb extends Dexie {
  drafts!: EntityTable<Draft, 'id'>
  photos!: EntityTable<DraftPhoto, 'draftId'>

  constructor(name: string = DB_NAME) {
    super(name)
    // bump the version for every schema change that ships, with an upgrade when data moves
    this.version(1).stores({
      drafts: 'id, status, createdAt, updatedAt, nextAttemptAt',
      photos: 'draftId',
    })
  }
}
