import { reactive, readonly } from 'vue'
import type { Registration, RegistrationRequest } from '../../shared/api'
import type { DraftOutcome, DraftRepository } from '../db/drafts'
import type { Draft, DraftError } from '../db/types'
import { backoffDelay, DRAFT_BACKOFF, PROXY_BACKOFF } from './backoff'
import type { Exclusive } from './exclusive'
import { InFlight } from './in-flight'
import { classifyFailure, classifySuccess, type AttemptOutcome } from './outcome'
import { registrationRequest } from './request'

export type HoldReason = 'proxy' | 'device' | 'pairing'

export interface SenderState {
  /** the draft being written to the devices now */
  sendingId: string | null
  /** the whole queue waits until `until` (epoch ms) because of `reason` */
  hold: { reason: HoldReason; until: number; error: DraftError } | null
}

export interface Timers {
  set(run: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export interface DraftSenderOptions {
  repo: DraftRepository
  /** POST /api/registrations; resolves with the proxy's 201 answer, rejects with an ApiError */
  send: (request: RegistrationRequest) => Promise<Registration>
  /** false while the screen has no token: nothing is sent and nothing is held against a draft */
  canSend?: () => boolean
  /** resolves a class typed by hand to the backend's class id at send time */
  classIdByName?: (name: string) => string | undefined
  now?: () => number
  timers?: Timers
  /** runs each pass over the queue exclusively (across tabs); see acrossTabs() */
  exclusive?: Exclusive
}

/** Why the queue is looked at now: a person asked, or the network/proxy came back (lifts a proxy hold). */
export type KickReason = 'timer' | 'connectivity' | 'person'

export interface DraftSender {
  readonly state: Readonly<SenderState>
  start(): void
  stop(): void
  kick(reason?: KickReason): void
  /** resolves when no pass over the queue is running (tests, and the Enroll page's "send now") */
  idle(): Promise<void>
}

const MAX_TIMER_MS = 2 ** 31 - 1

/** Drafts with the proxy at once while it keeps answering `done`: one being written, the next lined up. */
const IN_A_RUN = 2

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Sends the drafts oldest first, each with its own clientId (the same on every retry, so the proxy never
 * writes a student twice). Runs on start and whenever kicked; sleeps until the next draft is due.
 *
 * While the proxy keeps answering `done`, the next draft is handed over while the one before is still being
 * written: the proxy lines it up behind that one on each terminal, so a terminal that has stored one student
 * starts the next at once instead of idling through a round trip to the tablet. After any other answer the
 * sender goes back to one at a time, so a proxy that is down or a terminal that is locked costs one request.
 */
export function createDraftSender(options: DraftSenderOptions): DraftSender {
  const { repo, send } = options
  const canSend = options.canSend ?? (() => true)
  const now = options.now ?? Date.now
  const timers = options.timers ?? realTimers
  const exclusive: Exclusive = options.exclusive ?? ((work) => work())
  const state = reactive<SenderState>({ sendingId: null, hold: null })

  let running = false
  let pass: Promise<void> | null = null
  let again = false
  let timer: unknown = null
  let proxyFailures = 0
  /** the last answer was `done`: the next draft may be handed over before the one before is answered */
  let inARun = false

  function kick(reason: KickReason = 'timer'): void {
    if (
      state.hold &&
      (reason === 'person' || (reason === 'connectivity' && state.hold.reason !== 'device'))
    ) {
      state.hold = null
    }
    if (!running) return
    if (pass) {
      again = true
      return
    }
    pass = exclusive(drain)
      .catch((error: unknown) => console.error('draft sender pass failed', error))
      .finally(() => {
        pass = null
        if (again) {
          again = false
          kick()
        }
      })
  }

  async function drain(): Promise<void> {
    // under the lock nobody else is sending: a draft still marked `sending` was cut off by a reload
    await repo.recoverInterrupted()
    const sending = new InFlight((oldest) => (state.sendingId = oldest?.id ?? null))
    inARun = false
    try {
      while (running && canSend()) {
        if (state.hold) {
          if (state.hold.until > now()) return wakeAt(state.hold.until)
          state.hold = null
        }
        const room = sending.size < (inARun ? IN_A_RUN : 1)
        const draft = room ? await repo.claimNext((next) => !sending.holdsStudentOf(next)) : null
        if (draft) {
          sending.add(draft, handOver(draft))
          continue
        }
        if (sending.size > 0) {
          await sending.one()
          continue
        }
        const due = await repo.nextDueAt()
        if (due !== null) wakeAt(due)
        return
      }
    } finally {
      // the lock is held until every draft handed over has its answer recorded
      await sending.all()
    }
  }

  async function handOver(draft: Draft): Promise<void> {
    const outcome = await attempt(draft)
    inARun = outcome.kind === 'done'
    // the queue was held by the answer to a draft that went out beside this one: it already waits
    if (state.hold && outcome.kind === 'retry' && outcome.hold) return keepPlace(draft, outcome)
    await record(draft, outcome)
  }

  async function attempt(draft: Draft): Promise<AttemptOutcome> {
    const photo = await repo.getPhoto(draft.id)
    if (!photo) {
      return {
        kind: 'failed',
        error: { code: 'image_invalid', message: 'the photo of this draft is gone' },
        result: null,
      }
    }
    try {
      return classifySuccess(await send(registrationRequest(draft, photo, options.classIdByName)))
    } catch (failure) {
      return classifyFailure(failure)
    }
  }

  async function record(draft: Draft, outcome: AttemptOutcome): Promise<void> {
    if (outcome.kind !== 'retry' || outcome.hold !== 'proxy') proxyFailures = 0
    await repo.finish(draft.id, draftOutcome(draft, outcome))
  }

  /** A draft that met the same trouble as the one the queue is held for goes again first, as it is. */
  async function keepPlace(draft: Draft, outcome: Extract<AttemptOutcome, { kind: 'retry' }>) {
    await repo.finish(draft.id, { status: 'waiting', error: outcome.error, retryAt: now() })
  }

  function draftOutcome(draft: Draft, outcome: AttemptOutcome): DraftOutcome {
    if (outcome.kind === 'done') return { status: 'done', result: outcome.result }
    if (outcome.kind !== 'retry')
      return { status: outcome.kind, error: outcome.error, result: outcome.result }
    const told = outcome.retryAfterSec !== undefined ? outcome.retryAfterSec * 1000 : null
    if (outcome.hold === 'proxy' || outcome.hold === 'pairing') {
      // the draft did nothing wrong: it keeps its place at the head of the line
      proxyFailures += 1
      holdQueue(outcome.hold, told ?? backoffDelay(proxyFailures, PROXY_BACKOFF), outcome.error)
      return { status: 'waiting', error: outcome.error, retryAt: now() }
    }
    const delay = told ?? backoffDelay(draft.attempts, DRAFT_BACKOFF)
    // a locked terminal stays locked longer with every try: nothing goes until it unlocks
    if (outcome.hold === 'device') holdQueue('device', delay, outcome.error)
    return { status: 'waiting', error: outcome.error, retryAt: now() + delay }
  }

  function holdQueue(reason: HoldReason, delayMs: number, error: DraftError): void {
    state.hold = { reason, until: now() + delayMs, error }
  }

  function wakeAt(at: number): void {
    if (timer !== null) timers.clear(timer)
    timer = timers.set(
      () => {
        timer = null
        kick('timer')
      },
      Math.min(MAX_TIMER_MS, Math.max(0, at - now())),
    )
  }

  return {
    state: readonly(state) as Readonly<SenderState>,
    start() {
      if (running) return
      running = true
      kick()
    },
    stop() {
      running = false
      if (timer !== null) timers.clear(timer)
      timer = null
    },
    kick,
    async idle() {
      while (pass) await pass
    },
  }
}
