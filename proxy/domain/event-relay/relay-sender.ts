import type { WebhookUrls } from '../../../shared/api/webhooks'
import { AppError } from '../../../shared/errors'
import type { AttendanceAnswer, AttendancePost } from '../../backend/attendance-webhook'
import { QueuePump } from '../../backend/queue-pump'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../../backend/outbox-backoff'
import type { EventsRepo, RelayEventRow } from '../../store/events-repo'
import type { MergeGate } from './merge-gate'
import type { PictureStore } from './picture-store'

export interface RelaySenderDeps {
  repo: EventsRepo
  pictures: PictureStore
  gate: MergeGate
  /** the school server's webhook URLs: the kept copy, or asked for when there is none (or on a 403) */
  urls: { known(): WebhookUrls | null; current(): Promise<WebhookUrls> }
  post: (post: AttendancePost) => Promise<AttendanceAnswer>
  /** the terminals taking part in the merge (registered, with a direction) */
  terminals: () => Array<{ deviceId: string; watermarkMs: number }>
  backoff?: BackoffPolicy
  /** events of different students on their way at once; one student's always one at a time, in order */
  maxInFlight?: number
  now?: () => number
  random?: () => number
  log?: { info(details: object, message: string): void; warn(details: object, message: string): void }
}

export interface SenderHealth {
  /** the school server is not taking events now; the relay waits until `holdUntil` */
  holdUntil: string | null
  lastError: { code: string; message: string } | null
  /** terminals the oldest waiting event is waiting for */
  waitingFor: string[]
}

// A 403 may only mean the school changed its webhook secret: ask for the URLs again this many times.
const SECRET_RETRIES = 3

/**
 * Delivers the stored events to the school server in event-time order across terminals (the merge gate
 * decides when the oldest may go). Students are independent of each other, so several events may be on
 * their way at once, but never two of one student: their day record needs them in order.
 *
 * Exactly once: an event is marked delivered only after the server's 2xx; after a crash it goes again,
 * and the server's dedup key (`deviceID:employeeNoString:dateTime:direction`) makes the repeat a no-op.
 * When the server cannot be reached, the whole relay holds off with backoff rather than knock per event.
 */
export class RelaySender {
  private readonly now: () => number
  private readonly random: () => number
  private readonly backoff: BackoffPolicy
  private readonly inFlight = new Map<string, AbortController>()
  private readonly pump = new QueuePump(
    () => this.sendWhatIsDue(),
    (error) => this.deps.log?.warn({ error: String(error) }, 'event relay could not read its queue'),
  )
  private holdUntil = 0
  private failures = 0
  private lastError: SenderHealth['lastError'] = null
  private waitingFor: string[] = []
  private idleWaiters: Array<() => void> = []
  /** terminals already reported as passed over, so each is logged once until it catches up */
  private reportedBehind = new Set<string>()

  constructor(private readonly deps: RelaySenderDeps) {
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF
  }

  start(): void {
    this.pump.start()
  }

  async stop(): Promise<void> {
    this.pump.stop()
    for (const controller of this.inFlight.values()) controller.abort()
    this.inFlight.clear()
  }

  wake(): void {
    this.pump.wake()
  }

  /** Lifts a hold (the admin says the server is back) and looks for work now. */
  flush(): void {
    this.holdUntil = 0
    this.wake()
  }

  health(): SenderHealth {
    return {
      holdUntil: this.holdUntil > this.now() ? new Date(this.holdUntil).toISOString() : null,
      lastError: this.lastError,
      waitingFor: this.waitingFor,
    }
  }

  private sendWhatIsDue(): void {
    const now = this.now()
    const room = (this.deps.maxInFlight ?? 4) - this.inFlight.size
    if (now < this.holdUntil) return this.sleepUntil(this.holdUntil)
    if (room <= 0) return
    const heads = this.deps.repo.oldestWaiting(room * 4 + this.inFlight.size)
    if (heads.length === 0) {
      this.waitingFor = []
      if (this.inFlight.size === 0) this.settleIdle()
      return
    }
    const terminals = this.deps.terminals()
    const busy = new Set(this.inFlight.keys())
    let launched = 0
    for (const head of heads) {
      const student = studentOf(head)
      if (busy.has(student)) continue
      busy.add(student)
      const verdict = this.deps.gate.check(head.eventMs, terminals, now)
      if (!verdict.open) {
        this.waitingFor = verdict.waitingFor
        if (verdict.retryAtMs !== null && this.inFlight.size === 0) this.sleepUntil(verdict.retryAtMs)
        return
      }
      this.waitingFor = []
      this.reportBehind(now)
      this.launch(head, student)
      if (++launched >= room) return
    }
  }

  /** A terminal that held the others past its bound is passed over: said once in the log (and the view). */
  private reportBehind(now: number): void {
    const behind = new Set(this.deps.gate.behind(now))
    for (const deviceId of behind) {
      if (!this.reportedBehind.has(deviceId)) {
        this.deps.log?.warn({ deviceId }, 'terminal is behind: events of the others go on without it')
      }
    }
    this.reportedBehind = behind
  }

  private launch(event: RelayEventRow, student: string): void {
    const controller = new AbortController()
    this.inFlight.set(student, controller)
    this.deps.repo.markAttempt(event.seq)
    void this.deliver(event, controller.signal)
      .catch((error: unknown) =>
        this.deps.log?.warn({ seq: event.seq, error: String(error) }, 'event relay write failed'),
      )
      .finally(() => {
        this.inFlight.delete(student)
        this.wake()
      })
  }

  private async deliver(event: RelayEventRow, signal: AbortSignal): Promise<void> {
    const { repo } = this.deps
    try {
      const urls = this.deps.urls.known() ?? (await this.deps.urls.current())
      const answer = await this.post(event, urls, signal)
      if (!this.pump.isRunning) return
      repo.markDelivered(event.seq, iso(this.now()), answer.ignored)
      this.failures = 0
      this.lastError = null
    } catch (error) {
      if (!this.pump.isRunning) return
      const status = statusOf(error)
      if (status === 403 && event.attempts + 1 < SECRET_RETRIES) {
        await this.deps.urls.current().catch(() => null)
        return
      }
      const known = error instanceof AppError ? error : null
      const code = known?.code ?? 'backend_unavailable'
      const message = known?.message ?? String(error)
      this.lastError = { code, message }
      if (code === 'backend_rejected') {
        repo.markRefused(event.seq, code, message, iso(this.now()))
        this.deps.log?.warn({ seq: event.seq, status }, `school server refused an event: ${message}`)
        return
      }
      repo.markRetry(event.seq, code, message)
      this.failures += 1
      const retryAfterSec = known?.extra.retryAfterSec
      const hold =
        typeof retryAfterSec === 'number'
          ? retryAfterSec * 1000
          : backoffDelay(this.failures, this.backoff, this.random)
      this.holdUntil = Math.max(this.holdUntil, this.now() + Math.max(hold, 50))
    }
  }

  private post(event: RelayEventRow, urls: WebhookUrls, signal: AbortSignal): Promise<AttendanceAnswer> {
    const picture = event.picture ? this.deps.pictures.read(event.picture) : null
    return this.deps.post({
      url: event.direction === 'in' ? urls.in : urls.out,
      document: JSON.parse(event.body) as Record<string, unknown>,
      picture,
      signal,
    })
  }

  /** Resolves once nothing waits and nothing is on its way (tests, benchmarks). */
  idle(): Promise<void> {
    if (this.inFlight.size === 0 && this.deps.repo.waitingCount() === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private settleIdle(): void {
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  private sleepUntil(at: number): void {
    this.pump.lookAt(at, this.now())
  }
}

/** Events of one student (or, without an employee number, of one terminal) go one at a time. */
function studentOf(event: RelayEventRow): string {
  return event.employeeNo ? `employee:${event.employeeNo}` : `terminal:${event.terminal}`
}

function statusOf(error: unknown): number | undefined {
  if (!(error instanceof AppError)) return undefined
  return (error.extra.details as { status?: number } | undefined)?.status
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
