import { afterEach, describe, expect, it } from 'vitest'
import { photoFromBlob, photoToBlob, bytesToBase64 } from '../../../../web/db/photoBytes'
import { jpegBytes, newDraft, openTestStore, type TestStore } from './fixtures'

let store: TestStore
afterEach(async () => store?.destroy())

describe('drafts in IndexedDB', () => {
  it('are saved at once as waiting, with a UUID clientId, and are still there after a reload', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Aliyev'))
    expect(draft.status).toBe('waiting')
    expect(draft.clientId).toMatch(/^[0-9a-f-]{36}$/)
    expect(draft.attempts).toBe(0)

    store = store.reopen()
    const [again] = await store.repo.list()
    expect(again).toEqual(draft)
    expect(await store.repo.getPhoto(draft.id)).toEqual(jpegBytes('Aliyev'.length))
  })

  it('keep the photo bytes in their own table, so the list never loads them', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Karimova', { photo: jpegBytes(3, 300_000) }))
    const raw = await store.db.drafts.get(draft.id)
    expect(JSON.stringify(raw).length).toBeLessThan(2_000)
    expect(raw?.photo).toEqual({ type: 'image/jpeg', size: 300_000 })
    expect((await store.db.photos.get(draft.id))?.bytes.byteLength).toBe(300_000)
  })

  it('turn a Blob into bytes and back without changing a byte', async () => {
    store = openTestStore()
    const original = new Uint8Array(jpegBytes(9, 70_001).bytes)
    const photo = await photoFromBlob(new Blob([original], { type: 'image/jpeg' }))
    const draft = await store.repo.add(newDraft('Toshmatov', { photo }))
    store = store.reopen()
    const stored = await store.repo.getPhoto(draft.id)
    expect(stored?.bytes).toBeInstanceOf(ArrayBuffer)
    const blob = photoToBlob(stored!)
    expect(blob.type).toBe('image/jpeg')
    expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(original))).toBe(true)
    expect(Buffer.from(bytesToBase64(stored!.bytes), 'base64').equals(Buffer.from(original))).toBe(true)
  })

  it('list oldest first and count by state', async () => {
    store = openTestStore()
    const first = await store.repo.add(newDraft('A'))
    store.clock.advance(1000)
    const second = await store.repo.add(newDraft('B'))
    store.clock.advance(1000)
    await store.repo.add(newDraft('C'))
    await store.repo.claimNext()
    expect((await store.repo.list()).map((d) => d.student.lastName)).toEqual(['A', 'B', 'C'])
    expect(await store.repo.counts()).toMatchObject({ total: 3, waiting: 2, sending: 1 })
    expect(first.createdAt).toBeLessThan(second.createdAt)
  })

  it('delete a draft with its photo, but never one that is being sent', async () => {
    store = openTestStore()
    const kept = await store.repo.add(newDraft('Sending'))
    const gone = await store.repo.add(newDraft('Gone'))
    await store.repo.claimNext()
    await expect(store.repo.remove(kept.id)).rejects.toMatchObject({ code: 'conflict' })
    await store.repo.remove(gone.id)
    expect(await store.repo.get(gone.id)).toBeUndefined()
    expect(await store.repo.getPhoto(gone.id)).toBeNull()
    expect(await store.repo.get(kept.id)).toBeDefined()
  })

  it('remove all sent drafts, or only those sent before a moment', async () => {
    store = openTestStore()
    const old = await store.repo.add(newDraft('Old'))
    const fresh = await store.repo.add(newDraft('Fresh'))
    const waiting = await store.repo.add(newDraft('Waiting'))
    const result = {
      clientId: old.clientId,
      employeeNo: '1',
      status: 'SUCCESS' as const,
      devices: [],
      backend: { status: 'off' as const },
    }
    await store.repo.claimNext()
    await store.repo.finish(old.id, { status: 'done', result })
    store.clock.advance(60_000)
    await store.repo.claimNext()
    await store.repo.finish(fresh.id, { status: 'done', result })
    expect(await store.repo.clearDone(store.clock.now() - 1)).toBe(1)
    expect((await store.repo.list()).map((d) => d.id)).toEqual([fresh.id, waiting.id])
    expect(await store.repo.clearDone()).toBe(1)
    expect(await store.repo.getPhoto(fresh.id)).toBeNull()
  })
})
