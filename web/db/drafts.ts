import { AppError } from '../../shared/errors'
import { Registration } from '../../shared/api'
import type { RegistratorDb } from './database'
import type { Draft, DraftChanges, DraftError, DraftStatus, NewDraft, PhotoBytes } from './types'

/** What became of one attempt, as the sender decided it. */
export type DraftOutcome =
  | { status: 'done'; result: Registration }
  | { status: 'waiting'; error: DraftError; retryAt: number }
  | { status: 'failed' | 'attention'; error: DraftError; result: Registration | null }

export interface DraftRepositoryOptions {
  now?: () => number
  newId?: () => string
}

export type DraftCounts = Record<DraftStatus, number> & { total: number }

/**
 * Whether the proxy answered with a FAILED registration: it wrote nothing (or has taken it all back) and
 * would give that same answer to the same clientId again, so a retry needs a new one. Every other failure
 * (no answer, a timeout, a refusal before the saga started) keeps the clientId: if the proxy did write the
 * student, it answers the next try with that first result instead of writing twice.
 */
function answeredFailed(error: DraftError): boolean {
  const answer = Registration.safeParse(error.details)
  return answer.success && answer.data.status === 'FAILED'
}

const EDITABLE: ReadonlySet<DraftStatus> = new Set(['waiting', 'failed', 'attention'])

export function createDraftRepository(db: RegistratorDb, options: DraftRepositoryOptions = {}) {
  const now = options.now ?? Date.now
  const newId = options.newId ?? (() => crypto.randomUUID())

  async function mustGet(id: string): Promise<Draft> {
    const draft = await db.drafts.get(id)
    if (!draft) throw new AppError('not_found', `no draft ${id}`)
    return draft
  }

  /** Saves a new draft with its photo in one transaction; it waits to be sent from this moment on. */
  async function add(input: NewDraft): Promise<Draft> {
    return db.transaction('rw', db.drafts, db.photos, async () => {
      const id = newId()
      // strictly after the newest draft, so two saved within one millisecond still go out in order
      const newest = await db.drafts.orderBy('createdAt').last()
      const at = Math.max(now(), (newest?.createdAt ?? 0) + 1)
      const draft: Draft = {
        id,
        clientId: id,
        student: input.student,
        deviceIds: [...input.deviceIds],
        status: 'waiting',
        attempts: 0,
        lastError: null,
        result: null,
        photo: photoInfo(input.photo),
        ...(input.faceCheck ? { faceCheck: input.faceCheck } : {}),
        createdAt: at,
        updatedAt: at,
        nextAttemptAt: now(),
      }
      await db.drafts.add(draft)
      await db.photos.add({ draftId: id, bytes: input.photo.bytes, type: input.photo.type })
      return draft
    })
  }

  /** Changes a draft that is not being sent and not done; a failed one goes back to waiting. */
  async function edit(id: string, changes: DraftChanges): Promise<Draft> {
    return db.transaction('rw', db.drafts, db.photos, async () => {
      const draft = await mustGet(id)
      if (!EDITABLE.has(draft.status)) {
        throw new AppError('conflict', `draft ${id} is ${draft.status} and cannot be changed now`)
      }
      const updated: Draft = {
        ...draft,
        student: changes.student ?? draft.student,
        deviceIds: changes.deviceIds ? [...changes.deviceIds] : draft.deviceIds,
        photo: changes.photo ? photoInfo(changes.photo) : draft.photo,
        ...(changes.faceCheck ? { faceCheck: changes.faceCheck } : {}),
        status: 'waiting',
        result: null,
        updatedAt: now(),
        nextAttemptAt: now(),
      }
      await db.drafts.put(updated)
      if (changes.photo) {
        await db.photos.put({ draftId: id, bytes: changes.photo.bytes, type: changes.photo.type })
      }
      return updated
    })
  }

  async function remove(id: string): Promise<void> {
    await db.transaction('rw', db.drafts, db.photos, async () => {
      const draft = await db.drafts.get(id)
      if (!draft) return
      if (draft.status === 'sending') throw new AppError('conflict', `draft ${id} is being sent`)
      await db.drafts.delete(id)
      await db.photos.delete(id)
    })
  }

  /** "Retry" on a failed draft and "send now" on a waiting one: due at once, same clientId. */
  async function retry(id: string): Promise<Draft> {
    return db.transaction('rw', db.drafts, async () => {
      const draft = await mustGet(id)
      if (!EDITABLE.has(draft.status)) return draft
      const updated: Draft = { ...draft, status: 'waiting', updatedAt: now(), nextAttemptAt: now() }
      await db.drafts.put(updated)
      return updated
    })
  }

  /**
   * The oldest waiting draft that is due, marked `sending` in the same transaction; null when none is, or
   * when `mayGo` says that one may not go yet (the line keeps its order: nothing behind it goes instead).
   */
  async function claimNext(mayGo: (draft: Draft) => boolean = () => true): Promise<Draft | null> {
    return db.transaction('rw', db.drafts, async () => {
      const at = now()
      const due = (await db.drafts.where('status').equals('waiting').toArray())
        .filter((draft) => draft.nextAttemptAt <= at)
        .sort(oldestFirst)
      const next = due[0]
      if (!next || !mayGo(next)) return null
      const claimed: Draft = { ...next, status: 'sending', attempts: next.attempts + 1, updatedAt: at }
      await db.drafts.put(claimed)
      return claimed
    })
  }

  /** Records the outcome of the attempt on a draft that is still `sending` (a deleted one stays deleted). */
  async function finish(id: string, outcome: DraftOutcome): Promise<Draft | null> {
    return db.transaction('rw', db.drafts, async () => {
      const draft = await db.drafts.get(id)
      if (!draft || draft.status !== 'sending') return null
      const at = now()
      if (outcome.status === 'done') {
        const done: Draft = {
          ...draft,
          status: 'done',
          result: outcome.result,
          lastError: null,
          updatedAt: at,
        }
        await db.drafts.put(done)
        return done
      }
      // the proxy keeps a failed answer for good under its clientId: the next try is a new request
      const clientId = answeredFailed(outcome.error) ? newId() : draft.clientId
      const updated: Draft =
        outcome.status === 'waiting'
          ? {
              ...draft,
              clientId,
              status: 'waiting',
              lastError: outcome.error,
              updatedAt: at,
              nextAttemptAt: outcome.retryAt,
            }
          : {
              ...draft,
              clientId,
              status: outcome.status,
              lastError: outcome.error,
              result: outcome.result,
              updatedAt: at,
            }
      await db.drafts.put(updated)
      return updated
    })
  }

  /** A draft left `sending` by a closed tab or a reload goes back to the line, keeping its clientId. */
  async function recoverInterrupted(): Promise<number> {
    return db.drafts
      .where('status')
      .equals('sending')
      .modify({ status: 'waiting', nextAttemptAt: now(), updatedAt: now() })
  }

  /** When the earliest waiting draft becomes due; null when nothing waits. */
  async function nextDueAt(): Promise<number | null> {
    const waiting = await db.drafts.where('status').equals('waiting').toArray()
    if (waiting.length === 0) return null
    return Math.min(...waiting.map((draft) => draft.nextAttemptAt))
  }

  async function list(): Promise<Draft[]> {
    return (await db.drafts.toArray()).sort(oldestFirst)
  }

  async function counts(): Promise<DraftCounts> {
    return countDrafts(await db.drafts.toArray())
  }

  async function getPhoto(id: string): Promise<PhotoBytes | null> {
    const photo = await db.photos.get(id)
    return photo ? { bytes: photo.bytes, type: photo.type } : null
  }

  /** Forgets the sent drafts (and their photos) last changed before `before`; all of them without it. */
  async function clearDone(before: number = Number.POSITIVE_INFINITY): Promise<number> {
    return db.transaction('rw', db.drafts, db.photos, async () => {
      const done = (await db.drafts.where('status').equals('done').toArray()).filter(
        (d) => d.updatedAt < before,
      )
      const ids = done.map((draft) => draft.id)
      await db.drafts.bulkDelete(ids)
      await db.photos.bulkDelete(ids)
      return ids.length
    })
  }

  return {
    db,
    add,
    edit,
    remove,
    retry,
    claimNext,
    finish,
    recoverInterrupted,
    nextDueAt,
    list,
    counts,
    get: (id: string) => db.drafts.get(id),
    getPhoto,
    clearDone,
  }
}

export type DraftRepository = ReturnType<typeof createDraftRepository>

export function oldestFirst(a: Draft, b: Draft): number {
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id)
}

export function countDrafts(drafts: readonly Draft[]): DraftCounts {
  const counts: DraftCounts = {
    waiting: 0,
    sending: 0,
    done: 0,
    failed: 0,
    attention: 0,
    total: drafts.length,
  }
  for (const draft of drafts) counts[draft.status] += 1
  return counts
}

function photoInfo(photo: PhotoBytes) {
  return { type: photo.type, size: photo.bytes.byteLength }
}
