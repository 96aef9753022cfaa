import { describe, expect, it } from 'vitest'
import type { Registration } from '../../../../shared/api'
import { ApiError } from '../../../../web/api/errors'
import { newDraft } from '../db/fixtures'
import { offline, refusal, harnessPerTest, type SenderHarness } from './sender-fixture'

const newHarness = harnessPerTest()
let h: SenderHarness

function rolledBack(code: string, message = code): Registration {
  return {
    clientId: 'x',
    employeeNo: '4820193746',
    status: 'FAILED',
    devices: [
      { deviceId: 'dev-1', status: 'ROLLED_BACK' },
      { deviceId: 'dev-2', status: 'FAILED', error: { code, message } },
    ],
    backend: { status: 'off' },
  }
}

async function sendOne(answer: ApiError | Error) {
  h = newHarness()
  const draft = await h.store.repo.add(newDraft('Outcome'))
  h.answer(answer)
  h.sender.start()
  await h.settle()
  return (await h.store.repo.get(draft.id))!
}

describe('what each answer does to a draft', () => {
  it.each([
    ['validation_failed', 400, 'failed'],
    ['image_invalid', 422, 'failed'],
    ['duplicate', 409, 'failed'],
    ['device_rejected', 422, 'failed'],
    ['host_not_allowed', 403, 'failed'],
    ['payload_too_large', 413, 'failed'],
    ['conflict', 409, 'failed'],
    ['credentials_expired', 409, 'attention'],
    ['device_auth_failed', 502, 'attention'],
    ['device_bad_response', 502, 'attention'],
    ['capacity_exceeded', 409, 'attention'],
    ['not_found', 404, 'attention'],
  ])('%s (%i) is final: the draft is %s, with the reason kept', async (code, status, expected) => {
    const draft = await sendOne(
      refusal(code, status, { field: code === 'validation_failed' ? 'firstName' : undefined }),
    )
    expect(draft.status).toBe(expected)
    expect(draft.lastError?.code).toBe(code)
    if (code === 'validation_failed') expect(draft.lastError?.field).toBe('firstName')
    await h.advance(60 * 60_000)
    expect(h.calls).toHaveLength(1)
  })

  it.each([
    ['proxy_unreachable', offline()],
    ['proxy_timeout', new ApiError('network', 'proxy_timeout', 'slow', null)],
    ['internal', refusal('internal', 500)],
    ['internal', new ApiError('http', 'internal', 'HTTP 502', 502)],
    ['device_unreachable', refusal('device_unreachable', 504)],
    ['device_locked', refusal('device_locked', 423, { retryAfterSec: 600 })],
    ['proxy_unreachable', new TypeError('Failed to fetch')],
  ])('%s is retryable: the draft waits with the reason and goes again later', async (code, answer) => {
    const draft = await sendOne(answer)
    expect(draft.status).toBe('waiting')
    expect(draft.lastError?.code).toBe(code)
    await h.advance(60 * 60_000)
    await h.advance(60 * 60_000)
    expect(h.calls.length).toBeGreaterThanOrEqual(2)
    expect(await h.store.repo.get(draft.id)).toMatchObject({ status: 'done', lastError: null })
  })

  it('keeps the per-device outcomes of a refused registration and judges by the device that refused', async () => {
    const details = rolledBack('credentials_expired', 'password too old')
    const draft = await sendOne(refusal('device_rejected', 422, { details }))
    expect(draft.status).toBe('attention')
    expect(draft.result?.devices.map((d) => d.status)).toEqual(['ROLLED_BACK', 'FAILED'])
  })

  it('retries a registration rolled back only because one device was out of reach', async () => {
    const draft = await sendOne(
      refusal('device_unreachable', 504, { details: rolledBack('device_unreachable') }),
    )
    expect(draft.status).toBe('waiting')
  })

  it('tries a rolled-back registration again under a new clientId, since the proxy keeps its first answer', async () => {
    h = newHarness()
    const draft = await h.store.repo.add(newDraft('Again'))
    h.answer(refusal('device_unreachable', 504, { details: rolledBack('device_unreachable') }), offline())
    h.sender.start()
    await h.settle()
    await h.advance(5_000)
    await h.advance(2_000)
    const [first, second, third] = h.calls.map((c) => c.clientId)
    expect(first).toBe(draft.clientId)
    expect(second).not.toBe(first)
    // no answer at all: the same clientId, in case the proxy did write
    expect(third).toBe(second)
    expect((await h.store.repo.get(draft.id))?.status).toBe('done')
  })

  it('a 201 that says FAILED is not taken for success', async () => {
    h = newHarness()
    const draft = await h.store.repo.add(newDraft('Odd'))
    h.answer({ ...rolledBack('device_rejected'), clientId: draft.clientId })
    h.sender.start()
    await h.settle()
    expect((await h.store.repo.get(draft.id))?.status).toBe('failed')
  })
})

describe('when the queue as a whole waits', () => {
  it('holds everything while the proxy is down, backing off, and the head of the line keeps its place', async () => {
    h = newHarness()
    const first = await h.store.repo.add(newDraft('First'))
    await h.store.repo.add(newDraft('Second'))
    h.answer(offline(), offline(), offline())
    h.sender.start()
    await h.settle()
    expect(h.sender.state.hold?.reason).toBe('proxy')
    await h.advance(1_999)
    expect(h.calls).toHaveLength(1)
    await h.advance(1)
    expect(h.calls).toHaveLength(2)
    await h.advance(4_000)
    expect(h.calls).toHaveLength(3)
    expect(h.calls.map((c) => c.clientId)).toEqual([first.clientId, first.clientId, first.clientId])
    // the network is back: no need to sit out the rest of the 8 s backoff
    h.sender.kick('connectivity')
    await h.settle()
    expect(h.calls.map((c) => c.student.lastName)).toEqual(['First', 'First', 'First', 'First', 'Second'])
    expect(h.sender.state.hold).toBeNull()
  })

  it('holds everything while a terminal is locked, for as long as it says, whatever kicks it', async () => {
    h = newHarness()
    await h.store.repo.add(newDraft('Locked'))
    await h.store.repo.add(newDraft('Behind'))
    h.answer(refusal('device_locked', 423, { retryAfterSec: 300 }))
    h.sender.start()
    await h.settle()
    h.sender.kick('connectivity')
    await h.settle()
    await h.advance(299_000)
    expect(h.calls).toHaveLength(1)
    await h.advance(1_000)
    expect(h.calls.map((c) => c.student.lastName)).toEqual(['Locked', 'Locked', 'Behind'])
  })

  it('lets the next draft go while one waits for its own unreachable terminal', async () => {
    h = newHarness()
    await h.store.repo.add(newDraft('Unreachable', { deviceIds: ['dev-far'] }))
    await h.store.repo.add(newDraft('Reachable'))
    h.answer(refusal('device_unreachable', 504))
    h.sender.start()
    await h.settle()
    expect(h.calls.map((c) => c.student.lastName)).toEqual(['Unreachable', 'Reachable'])
    const [waiting] = await h.store.repo.list()
    expect(waiting).toMatchObject({ status: 'waiting' })
    expect(waiting!.nextAttemptAt - h.store.clock.now()).toBe(5_000)
    await h.advance(5_000)
    expect(h.calls).toHaveLength(3)
  })

  it('"send now" from a person lifts the backoff of a waiting draft', async () => {
    h = newHarness()
    const draft = await h.store.repo.add(newDraft('Impatient'))
    h.answer(refusal('device_unreachable', 504), refusal('device_unreachable', 504))
    h.sender.start()
    await h.settle()
    await h.advance(5_000)
    expect(h.calls).toHaveLength(2)
    await h.store.repo.retry(draft.id)
    h.sender.kick('person')
    await h.settle()
    expect(h.calls).toHaveLength(3)
  })

  it('stops at once when the proxy no longer accepts this screen, and resumes after pairing', async () => {
    h = newHarness()
    await h.store.repo.add(newDraft('Revoked'))
    await h.store.repo.add(newDraft('Also'))
    h.answer(refusal('unauthorized', 401))
    h.sender.start()
    await h.settle()
    h.paired.value = false
    await h.advance(60_000)
    expect(h.calls).toHaveLength(1)
    expect((await h.store.repo.list()).map((d) => d.status)).toEqual(['waiting', 'waiting'])
    h.paired.value = true
    h.sender.kick('person')
    await h.settle()
    expect(h.calls.map((c) => c.student.lastName)).toEqual(['Revoked', 'Revoked', 'Also'])
  })
})
