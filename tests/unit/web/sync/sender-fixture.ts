// The sender against a real draft store (fake-indexeddb), a scripted proxy and a hand-driven clock.
import { afterEach } from 'vitest'
import type { Registration, RegistrationRequest } from '../../../../shared/api'
import { ApiError } from '../../../../web/api/errors'
import { createDraftSender, type DraftSender, type Timers } from '../../../../web/sync/sender'
import { openTestStore, type TestStore } from '../db/fixtures'

export type Answer = Registration | ApiError | Error

export interface SenderHarness {
  store: TestStore
  sender: DraftSender
  /** every request the proxy got, in order */
  calls: RegistrationRequest[]
  /** the most requests that were in flight at once */
  maxInFlight(): number
  /** for each request in `calls`, how many others were in flight when it was sent */
  alongside: number[]
  /** scripts the next answers; when none is left the proxy answers SUCCESS */
  answer(...answers: Answer[]): void
  /** holds every answer until release() is called */
  hold(): void
  release(): void
  /** how many requests are held, waiting for their answer */
  held(): number
  /** lets the oldest held request answer; the others, and the ones sent next, stay held */
  answerOldest(): void
  paired: { value: boolean }
  /** moves the clock, fires due timers, and waits for the sender to settle */
  advance(ms: number): Promise<void>
  settle(): Promise<void>
}

export function success(request: RegistrationRequest): Registration {
  return {
    clientId: request.clientId,
    employeeNo: '4820193746',
    status: 'SUCCESS',
    devices: request.deviceIds.map((deviceId) => ({ deviceId, status: 'SUCCESS' })),
    backend: { status: 'queued' },
  }
}

export const offline = () => new ApiError('network', 'proxy_unreachable', 'fetch failed', null)

export function refusal(code: string, status: number, extra: Partial<ApiError> = {}): ApiError {
  return new ApiError('http', code as ApiError['code'], code, status, extra)
}

/**
 * One harness per test, made by the function this returns; after the test its held answers are let go, the
 * sender stopped and its store destroyed. Call at the top of a test file.
 */
export function harnessPerTest(): () => SenderHarness {
  let made: SenderHarness | null = null
  afterEach(async () => {
    if (!made) return
    made.release()
    made.sender.stop()
    await made.settle()
    await made.store.destroy()
    made = null
  })
  return () => (made = senderHarness())
}

export function senderHarness(): SenderHarness {
  const store = openTestStore()
  const calls: RegistrationRequest[] = []
  const alongside: number[] = []
  const script: Answer[] = []
  const paired = { value: true }
  let inFlight = 0
  let maxInFlight = 0
  let holding = false
  const held: Array<() => void> = []
  const pending: { at: number; run: () => void; id: number }[] = []
  let nextId = 1

  const timers: Timers = {
    set(run, ms) {
      const id = nextId++
      pending.push({ at: store.clock.now() + ms, run, id })
      return id
    },
    clear(handle) {
      const index = pending.findIndex((timer) => timer.id === handle)
      if (index >= 0) pending.splice(index, 1)
    },
  }

  const sender = createDraftSender({
    repo: store.repo,
    now: store.clock.now,
    timers,
    canSend: () => paired.value,
    classIdByName: (name) => (name === '7-B' ? 'c-7b' : undefined),
    async send(request) {
      calls.push(structuredClone(request))
      alongside.push(inFlight)
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      try {
        await new Promise((resolve) => setTimeout(resolve, 1))
        if (holding) await new Promise<void>((resolve) => held.push(resolve))
        const next = script.shift()
        if (next instanceof Error) throw next
        return next ?? success(request)
      } finally {
        inFlight -= 1
      }
    },
  })

  async function settle() {
    await sender.idle()
  }

  return {
    store,
    sender,
    calls,
    paired,
    maxInFlight: () => maxInFlight,
    alongside,
    answer: (...answers) => script.push(...answers),
    hold() {
      holding = true
    },
    release() {
      holding = false
      for (const answer of held.splice(0)) answer()
    },
    held: () => held.length,
    answerOldest() {
      held.shift()?.()
    },
    async advance(ms) {
      store.clock.advance(ms)
      for (const timer of pending.filter((t) => t.at <= store.clock.now())) {
        pending.splice(pending.indexOf(timer), 1)
        timer.run()
      }
      await settle()
    },
    settle,
  }
}
