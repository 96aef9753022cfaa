import { describe, expect, it, vi } from 'vitest'
import { newDraft } from '../db/fixtures'
import { offline, harnessPerTest, type SenderHarness } from './sender-fixture'

const newHarness = harnessPerTest()
let h: SenderHarness

const names = () => h.calls.map((c) => c.student.lastName)
const statuses = async () => (await h.store.repo.list()).map((d) => d.status)

async function addDrafts(...lastNames: string[]) {
  for (const name of lastNames) await h.store.repo.add(newDraft(name))
}

/** Waits until `sent` requests were made and `held` of them wait for their answer. */
async function untilSent(sent: number, held: number) {
  await vi.waitFor(() => expect([h.calls.length, h.held()]).toEqual([sent, held]))
}

/** Four drafts; the first answered done, so the next two are with the proxy at once, their answers held. */
async function twoWithTheProxy() {
  h = newHarness()
  await addDrafts('Aliyev', 'Karimova', 'Toshmatov', 'Gʻaniyev')
  h.hold()
  h.sender.start()
  await untilSent(1, 1)
  h.answerOldest()
  await untilSent(3, 2)
}

describe('the draft sender in a run of students', () => {
  it('hands the next draft over while the one before is being written once the proxy answers done, never more than two', async () => {
    await twoWithTheProxy()
    // both with the proxy, the older one named as the one being sent
    expect(await statuses()).toEqual(['done', 'sending', 'sending', 'waiting'])
    expect(h.sender.state.sendingId).toBe((await h.store.repo.list())[1]?.id)
    h.answerOldest()
    await untilSent(4, 2)
    h.release()
    await h.settle()

    expect(names()).toEqual(['Aliyev', 'Karimova', 'Toshmatov', 'Gʻaniyev'])
    expect(h.alongside).toEqual([0, 0, 1, 1])
    expect(h.maxInFlight()).toBe(2)
    expect(await statuses()).toEqual(['done', 'done', 'done', 'done'])
    expect(h.sender.state.sendingId).toBeNull()
  })

  it('goes back to one at a time after another answer, and the draft beside it keeps its place unpunished', async () => {
    await twoWithTheProxy()
    h.answer(offline(), offline())
    h.release()
    await h.settle()
    expect(await statuses()).toEqual(['done', 'waiting', 'waiting', 'waiting'])
    // held once, for the first step of the backoff: the second failure came from the same outage
    expect(h.sender.state.hold?.reason).toBe('proxy')
    await h.advance(1_999)
    expect(h.calls).toHaveLength(3)
    h.hold()
    const resumed = h.advance(1)
    await untilSent(4, 1)
    h.answerOldest()
    await untilSent(6, 2)
    h.release()
    await resumed
    await h.settle()

    expect(names()).toEqual(['Aliyev', 'Karimova', 'Toshmatov', 'Karimova', 'Toshmatov', 'Gʻaniyev'])
    expect(h.alongside).toEqual([0, 0, 1, 0, 0, 1])
    expect(await statuses()).toEqual(['done', 'done', 'done', 'done'])
  })

  it('never hands over two drafts of the same student together: the second waits for the first answer', async () => {
    h = newHarness()
    const student = { firstName: 'Vali', lastName: 'Karimov', backendStudentId: 'st-42' }
    await addDrafts('Aliyev')
    await h.store.repo.add(newDraft('Karimov', { student }))
    await h.store.repo.add(newDraft('Karimov', { student }))
    await addDrafts('Toshmatov')
    h.hold()
    h.sender.start()
    await untilSent(1, 1)
    h.answerOldest()
    await untilSent(2, 1)
    h.answerOldest()
    await untilSent(4, 2)
    h.release()
    await h.settle()

    expect(names()).toEqual(['Aliyev', 'Karimov', 'Karimov', 'Toshmatov'])
    expect(h.alongside).toEqual([0, 0, 0, 1])
    expect(await statuses()).toEqual(['done', 'done', 'done', 'done'])
  })
})
