import { afterEach, describe, expect, it } from 'vitest'
import { jpegBytes, newDraft, openTestStore, type TestStore } from './fixtures'

let store: TestStore
afterEach(async () => store?.destroy())

describe('changing a draft', () => {
  it('a waiting draft takes a new name, devices and photo and keeps its clientId', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Aliyev'))
    const edited = await store.repo.edit(draft.id, {
      student: { ...draft.student, firstName: 'Gʻulom' },
      deviceIds: ['dev-3'],
      photo: jpegBytes(42, 4096),
    })
    expect(edited).toMatchObject({ status: 'waiting', clientId: draft.clientId, deviceIds: ['dev-3'] })
    expect(edited.student.firstName).toBe('Gʻulom')
    expect(edited.photo.size).toBe(4096)
    expect(await store.repo.getPhoto(draft.id)).toEqual(jpegBytes(42, 4096))
  })

  it('is refused while the draft is being sent or after it was sent', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Busy'))
    await store.repo.claimNext()
    await expect(store.repo.edit(draft.id, { deviceIds: ['x'] })).rejects.toMatchObject({ code: 'conflict' })
    await store.repo.finish(draft.id, {
      status: 'done',
      result: {
        clientId: draft.clientId,
        employeeNo: '7',
        status: 'SUCCESS',
        devices: [],
        backend: { status: 'off' },
      },
    })
    await expect(store.repo.edit(draft.id, { deviceIds: ['x'] })).rejects.toMatchObject({ code: 'conflict' })
    await expect(store.repo.edit('no-such-draft', {})).rejects.toMatchObject({ code: 'not_found' })
  })

  it('a failed draft edited goes back to waiting, due at once', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Refused'))
    await store.repo.claimNext()
    await store.repo.finish(draft.id, {
      status: 'failed',
      error: { code: 'validation_failed', message: 'bad name', field: 'student.firstName' },
      result: null,
    })
    store.clock.advance(30_000)
    const edited = await store.repo.edit(draft.id, { student: { ...draft.student, firstName: 'Vali' } })
    expect(edited).toMatchObject({ status: 'waiting', nextAttemptAt: store.clock.now() })
  })

  it('retry makes a failed draft due now with the same clientId', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Expired'))
    await store.repo.claimNext()
    await store.repo.finish(draft.id, {
      status: 'attention',
      error: { code: 'credentials_expired', message: 'renew' },
      result: null,
    })
    store.clock.advance(10_000)
    const retried = await store.repo.retry(draft.id)
    expect(retried).toMatchObject({
      status: 'waiting',
      clientId: draft.clientId,
      nextAttemptAt: store.clock.now(),
    })
  })
})

describe('the clientId', () => {
  const failedAnswer = (clientId: string) => ({
    clientId,
    employeeNo: '4820193746',
    status: 'FAILED' as const,
    devices: [
      { deviceId: 'dev-1', status: 'ROLLED_BACK' as const },
      {
        deviceId: 'dev-2',
        status: 'FAILED' as const,
        error: { code: 'device_unreachable', message: 'gone' },
      },
    ],
    backend: { status: 'off' as const },
  })

  it('stays after an attempt with no answer, so the proxy can answer the first result', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Unknown'))
    for (const code of ['proxy_unreachable', 'proxy_timeout', 'internal', 'credentials_expired']) {
      await store.repo.claimNext()
      await store.repo.finish(draft.id, {
        status: 'waiting',
        error: { code, message: '' },
        retryAt: store.clock.now(),
      })
      const edited = await store.repo.edit(draft.id, { student: { ...draft.student, lastName: code } })
      expect(edited.clientId).toBe(draft.clientId)
    }
  })

  it('is replaced once the proxy answered FAILED: it would give that answer to the same clientId forever', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('RolledBack'))
    await store.repo.claimNext()
    const waiting = await store.repo.finish(draft.id, {
      status: 'waiting',
      error: { code: 'device_unreachable', message: 'gone', details: failedAnswer(draft.clientId) },
      retryAt: store.clock.now(),
    })
    expect(waiting?.clientId).not.toBe(draft.clientId)
    expect(waiting?.id).toBe(draft.id)

    await store.repo.claimNext()
    const failed = await store.repo.finish(draft.id, {
      status: 'failed',
      error: { code: 'image_invalid', message: 'no face', details: failedAnswer(waiting!.clientId) },
      result: failedAnswer(waiting!.clientId),
    })
    expect(failed?.clientId).not.toBe(waiting?.clientId)
    expect((await store.repo.retry(draft.id)).clientId).toBe(failed?.clientId)
  })
})

describe('taking the next draft', () => {
  it('takes the oldest due draft, marks it sending and counts the attempt', async () => {
    store = openTestStore()
    const first = await store.repo.add(newDraft('First'))
    store.clock.advance(10)
    const second = await store.repo.add(newDraft('Second'))
    const claimed = await store.repo.claimNext()
    expect(claimed).toMatchObject({ id: first.id, status: 'sending', attempts: 1 })
    expect((await store.repo.claimNext())?.id).toBe(second.id)
    expect(await store.repo.claimNext()).toBeNull()
  })

  it('skips a draft that waits out a backoff, and says when it is due', async () => {
    store = openTestStore()
    const first = await store.repo.add(newDraft('Backoff'))
    store.clock.advance(10)
    const second = await store.repo.add(newDraft('Next'))
    await store.repo.claimNext()
    const retryAt = store.clock.now() + 20_000
    await store.repo.finish(first.id, {
      status: 'waiting',
      error: { code: 'device_unreachable', message: '' },
      retryAt,
    })
    expect((await store.repo.claimNext())?.id).toBe(second.id)
    expect(await store.repo.claimNext()).toBeNull()
    expect(await store.repo.nextDueAt()).toBe(retryAt)
    store.clock.advance(20_000)
    expect((await store.repo.claimNext())?.id).toBe(first.id)
  })

  it('puts a draft cut off mid-send (a reload) back in line with the same clientId', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Interrupted'))
    await store.repo.claimNext()
    store = store.reopen()
    expect(await store.repo.recoverInterrupted()).toBe(1)
    const again = await store.repo.claimNext()
    expect(again).toMatchObject({ id: draft.id, clientId: draft.clientId, attempts: 2 })
  })

  it('ignores the outcome for a draft that was deleted meanwhile', async () => {
    store = openTestStore()
    const draft = await store.repo.add(newDraft('Deleted'))
    expect(
      await store.repo.finish(draft.id, {
        status: 'failed',
        error: { code: 'x', message: '' },
        result: null,
      }),
    ).toBeNull()
    expect((await store.repo.get(draft.id))?.status).toBe('waiting')
  })
})
