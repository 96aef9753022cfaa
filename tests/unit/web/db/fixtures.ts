// A fresh draft store per test (its own IndexedDB name on fake-indexeddb), a hand-driven clock, and drafts.
import { randomUUID } from 'node:crypto'
import Dexie from 'dexie'
import { RegistratorDb } from '../../../../web/db/database'
import { createDraftRepository, type DraftRepository } from '../../../../web/db/drafts'
import type { NewDraft, PhotoBytes } from '../../../../web/db/types'

export interface TestClock {
  now(): number
  advance(ms: number): void
}

export function testClock(start = Date.UTC(2025, 8, 1, 8, 0, 0)): TestClock {
  let current = start
  return { now: () => current, advance: (ms) => (current += ms) }
}

export interface TestStore {
  name: string
  db: RegistratorDb
  repo: DraftRepository
  clock: TestClock
  /** closes this connection and opens the same database again, as a reloaded page would */
  reopen(): TestStore
  destroy(): Promise<void>
}

export function openTestStore(name = `drafts-test-${randomUUID()}`, clock = testClock()): TestStore {
  const db = new RegistratorDb(name)
  const repo = createDraftRepository(db, { now: clock.now })
  return {
    name,
    db,
    repo,
    clock,
    reopen() {
      db.close()
      return openTestStore(name, clock)
    },
    async destroy() {
      db.close()
      await Dexie.delete(name)
    },
  }
}

/** A few bytes that start like a JPEG; the store does not look inside. */
export function jpegBytes(seed = 1, length = 2048): PhotoBytes {
  const bytes = new Uint8Array(length)
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  for (let i = 4; i < length; i += 1) bytes[i] = (i * 31 + seed * 17) % 256
  return { bytes: bytes.buffer, type: 'image/jpeg' }
}

export function newDraft(lastName: string, overrides: Partial<NewDraft> = {}): NewDraft {
  return {
    student: { firstName: 'Vali', lastName, gender: 'male', classId: 'c-5a', className: '5-A' },
    deviceIds: ['dev-1', 'dev-2'],
    photo: jpegBytes(lastName.length),
    ...overrides,
  }
}
