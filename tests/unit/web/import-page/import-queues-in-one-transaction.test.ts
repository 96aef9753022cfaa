import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DraftRepository } from '../../../../web/db/drafts'
import {
  draftStudentFrom,
  photoForDraft,
  queueRows,
  type QueuedRow,
} from '../../../../web/composables/classImportDrafts'
import { openTestStore, type TestStore } from '../db/fixtures'
import { photo, row } from './rows'

let store: TestStore
beforeEach(() => {
  store = openTestStore()
})
afterEach(async () => {
  await store.destroy()
})

async function queued(seed: number): Promise<QueuedRow> {
  const source = row('5-A', seed + 2, { classId: 'c5a', fatherName: 'Anvar', phone: '+998901234567' })
  return { student: draftStudentFrom(source, '5-A'), photo: await photoForDraft(source.photo!) }
}

describe('importing the good rows', () => {
  it('makes a waiting draft of each, with its photo and every field the file gave', async () => {
    const rows = await Promise.all([0, 1, 2].map(queued))
    expect(await queueRows(store.repo, rows, ['dev-1', 'dev-2'])).toBe(3)
    const drafts = await store.repo.list()
    expect(drafts.map((d) => d.status)).toEqual(['waiting', 'waiting', 'waiting'])
    expect(drafts.map((d) => d.student.lastName)).toEqual(['Familiya2', 'Familiya3', 'Familiya4'])
    expect(drafts[1]!.student).toEqual({
      firstName: 'Ism3',
      lastName: 'Familiya3',
      fatherName: 'Anvar',
      gender: 'male',
      classId: 'c5a',
      className: '5-A',
      parentPhone: '+998901234567',
    })
    expect(drafts.every((d) => d.deviceIds.join() === 'dev-1,dev-2')).toBe(true)
    const stored = await store.repo.getPhoto(drafts[0]!.id)
    expect(new Uint8Array(stored!.bytes)).toEqual(photo(2).bytes)
    expect(stored!.type).toBe('image/jpeg')
  })

  it('queues nothing at all when one row cannot be saved', async () => {
    const rows = await Promise.all([0, 1, 2, 3].map(queued))
    let calls = 0
    const failing: DraftRepository = {
      ...store.repo,
      add: async (input) => {
        calls += 1
        if (calls === 3) throw new Error('QuotaExceededError')
        return store.repo.add(input)
      },
    }
    await expect(queueRows(failing, rows, ['dev-1'])).rejects.toThrow('QuotaExceededError')
    expect(calls).toBe(3)
    expect(await store.repo.list()).toEqual([])
    expect(await store.db.photos.count()).toBe(0)
  })

  it('leaves out what a row does not have', () => {
    const bare = row('5-A', 2, { gender: undefined, phone: '  ', fatherName: '' })
    delete bare.classId
    expect(draftStudentFrom(bare, undefined)).toEqual({ firstName: 'Ism2', lastName: 'Familiya2' })
  })

  it('keeps a small JPEG as it is and redraws any other photo', async () => {
    const redrawn: Blob[] = []
    const prepare = async (file: Blob) => {
      redrawn.push(file)
      return { bytes: new ArrayBuffer(3), type: 'image/jpeg' }
    }
    const small = photo(1, 640)
    expect(new Uint8Array((await photoForDraft(small, prepare)).bytes)).toEqual(small.bytes)
    expect(redrawn).toHaveLength(0)

    const png = { ...photo(2, 640), type: 'image/png' as const }
    expect((await photoForDraft(png, prepare)).bytes.byteLength).toBe(3)
    const huge = photo(3, 4000)
    await photoForDraft(huge, prepare)
    expect(redrawn.map((blob) => blob.type)).toEqual(['image/png', 'image/jpeg'])
  })
})
