import { describe, expect, it, vi } from 'vitest'
import { newDraft } from '../db/fixtures'
import { offline, harnessPerTest, type SenderHarness } from './sender-fixture'

const newHarness = harnessPerTest()
let h: SenderHarness

describe('the draft sender', () => {
  it('sends every waiting draft once, oldest first, each with its own clientId', async () => {
    h = newHarness()
    const drafts = []
    for (const name of ['Aliyev', 'Karimova', 'Toshmatov', 'Gʻaniyev'])
      drafts.push(await h.store.repo.add(newDraft(name)))
    h.sender.start()
    for (let i = 0; i < 10; i += 1) h.sender.kick()
    await h.settle()

    expect(h.calls.map((c) => c.student.lastName)).toEqual(['Aliyev', 'Karimova', 'Toshmatov', 'Gʻaniyev'])
    expect(h.calls.map((c) => c.clientId)).toEqual(drafts.map((d) => d.clientId))
    const stored = await h.store.repo.list()
    expect(stored.map((d) => d.status)).toEqual(['done', 'done', 'done', 'done'])
    expect(stored[0]?.result).toMatchObject({ clientId: drafts[0]?.clientId, status: 'SUCCESS' })
  })

  it('sends the draft as the contract asks: names trimmed, the photo as base64, the chosen devices', async () => {
    h = newHarness()
    const draft = await h.store.repo.add(
      newDraft(' Oʻrinboyev ', {
        student: {
          firstName: ' Gʻayrat ',
          lastName: ' Oʻrinboyev ',
          fatherName: '',
          gender: 'male',
          className: '7-B',
        },
        deviceIds: ['dev-9'],
      }),
    )
    h.sender.start()
    await h.settle()
    const [call] = h.calls
    expect(call).toMatchObject({
      clientId: draft.clientId,
      student: { firstName: 'Gʻayrat', lastName: 'Oʻrinboyev', gender: 'male', classId: 'c-7b' },
      deviceIds: ['dev-9'],
    })
    expect(call?.student).not.toHaveProperty('fatherName')
    const photo = await h.store.repo.getPhoto(draft.id)
    expect(Buffer.from(call?.face ?? '', 'base64').equals(Buffer.from(photo!.bytes))).toBe(true)
  })

  it('never sends one draft twice at once, however often it is kicked while a send runs', async () => {
    h = newHarness()
    await h.store.repo.add(newDraft('Slow'))
    h.hold()
    h.sender.start()
    await vi.waitFor(() => expect(h.sender.state.sendingId).not.toBeNull())
    for (let i = 0; i < 5; i += 1) h.sender.kick('person')
    expect(h.sender.state.sendingId).not.toBeNull()
    h.release()
    await h.settle()
    expect(h.calls).toHaveLength(1)
    expect(h.maxInFlight()).toBe(1)
  })

  it('a draft saved while the sender sleeps goes out when it is kicked', async () => {
    h = newHarness()
    h.sender.start()
    await h.settle()
    expect(h.calls).toHaveLength(0)
    await h.store.repo.add(newDraft('Later'))
    h.sender.kick()
    await h.settle()
    expect(h.calls).toHaveLength(1)
  })

  it('sends nothing while the screen is not paired, and everything once it is', async () => {
    h = newHarness()
    h.paired.value = false
    await h.store.repo.add(newDraft('Unpaired'))
    h.sender.start()
    await h.settle()
    expect(h.calls).toHaveLength(0)
    expect((await h.store.repo.list())[0]?.attempts).toBe(0)
    h.paired.value = true
    h.sender.kick('connectivity')
    await h.settle()
    expect(h.calls).toHaveLength(1)
  })

  it('sends a draft cut off by a reload again with the same clientId', async () => {
    h = newHarness()
    const draft = await h.store.repo.add(newDraft('Reloaded'))
    await h.store.repo.claimNext()
    h.sender.start()
    await h.settle()
    expect(h.calls.map((c) => c.clientId)).toEqual([draft.clientId])
    expect((await h.store.repo.get(draft.id))?.status).toBe('done')
  })

  it('keeps the same clientId on every retry until the proxy answers', async () => {
    h = newHarness()
    const draft = await h.store.repo.add(newDraft('Retry'))
    h.answer(offline(), offline(), offline())
    h.sender.start()
    await h.settle()
    await h.advance(2_000)
    await h.advance(4_000)
    await h.advance(8_000)
    expect(h.calls).toHaveLength(4)
    expect(new Set(h.calls.map((c) => c.clientId))).toEqual(new Set([draft.clientId]))
    expect(await h.store.repo.get(draft.id)).toMatchObject({ status: 'done', attempts: 4, lastError: null })
  })

  it('does not record an outcome for a draft deleted while it was being sent', async () => {
    h = newHarness()
    const draft = await h.store.repo.add(newDraft('Deleted'))
    h.hold()
    h.sender.start()
    await vi.waitFor(() => expect(h.sender.state.sendingId).not.toBeNull())
    await h.store.db.drafts.delete(draft.id)
    h.release()
    await h.settle()
    expect(await h.store.repo.get(draft.id)).toBeUndefined()
  })
})
