import { AppError } from '../../shared/errors'
import type { OutboxRepo, OutboxRow, OutboxState } from '../store/outbox-repo'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './outbox-backoff'
import { Pacer } from './outbox-pacer'
import { QueuePump } from './queue-pump'
import type { ReportAccounts } from './report-account'
import { sendReport, type ReportBackend } from './report-kinds'

export interface SenderLog {
  info(details: object, message: string): void
  warn(details: object, message: string): void
}

export interface OutboxSenderOptions {
  repo: OutboxRepo
  backend: ReportBackend
  /** screens' own school-server accounts; absent, every report goes with `backend` */
  accounts?: ReportAccounts
  backoff?: BackoffPolicy
  /** long-run request rate; the production backend allows 200 a minute for everything the school does */
  maxPerMinute?: number
  burst?: number
  /** reports of different students sent at the same time */
  maxInFlight?: number
  now?: () => number
  random?: () => number
  log?: SenderLog
}

/** A report has left the sending state: delivered, failed for good, or waiting for its next attempt. */
export interface SettledReport {
  id: string
  groupKey: string
  state: OutboxState
}

type SettledListener = (report: SettledReport) => void

interface Flight {
  done: Promise<void>
  controller: AbortController
}

const STOP_GRACE_MS = 2_000
// A report waiting for its screen to sign in again is due when it does (makeAccountDue); until then it is
// looked at once a day, which only parks it again.
const SIGN_IN_WAIT_MS = 86_400_000
export const SIGN_IN_NEEDED = {
  code: 'school_sign_in_needed',
  message: 'The screen that made this report has to sign in to the school server again',
}

/**
 * Delivers the outbox: one loop, reports of one student strictly in order (a group waits on its oldest
 * undelivered report, failed ones included), students independently of each other.
 *
 * Exactly once: a report is marked delivered only after the backend's 2xx. A crash in between means the
 * report goes again with the same requestId / Idempotency-Key, and the backend answers it with what it
 * did the first time. The attempt is recorded before the request leaves, so a report that crashes the
 * proxy (or is cut off by one) still backs off.
 *
 * When the backend is unreachable, the whole sender holds off (growing with consecutive failures, or as
 * long as a 429's Retry-After says) instead of knocking once per waiting student.
 */
export class OutboxSender {
  private readonly repo: OutboxRepo
  private readonly backend: ReportBackend
  private readonly accounts: ReportAccounts | undefined
  private readonly backoff: BackoffPolicy
  private readonly maxInFlight: number
  private readonly now: () => number
  private readonly random: () => number
  private readonly log: SenderLog | undefined
  private readonly pacer: Pacer
  private readonly inFlight = new Map<string, Flight>()
  private readonly listeners = new Set<SettledListener>()
  private readonly pump = new QueuePump(
    () => this.sendWhatIsDue(),
    // The database may be busy or closing; the pump looks again shortly.
    (error) => this.log?.warn({ error: String(error) }, 'outbox sender could not read its queue'),
  )
  private holdUntil = 0
  private consecutiveFailures = 0

  constructor(options: OutboxSenderOptions) {
    this.repo = options.repo
    this.backend = options.backend
    this.accounts = options.accounts
    this.backoff = options.backoff ?? DEFAULT_BACKOFF
    this.maxInFlight = options.maxInFlight ?? 4
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
    this.log = options.log
    this.pacer = new Pacer(options.maxPerMinute ?? 150, options.burst ?? 20, this.now())
  }

  get isRunning(): boolean {
    return this.pump.isRunning
  }

  start(): void {
    this.pump.start()
  }

  /** Stops sending. Requests on the way are abandoned: their reports stay pending and go again later. */
  async stop(): Promise<void> {
    if (!this.pump.stop()) return
    const flights = [...this.inFlight.values()]
    for (const flight of flights) flight.controller.abort()
    let grace: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.allSettled(flights.map((f) => f.done)),
      new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS))),
    ])
    clearTimeout(grace)
  }

  /** Something changed (a report was written or requeued): look for work now rather than at the next timer. */
  wake(): void {
    this.pump.wake()
  }

  /** Every pending report becomes due now and any hold is lifted. Returns how many reports are pending. */
  flush(): number {
    const pending = this.repo.makePendingDue(iso(this.now()))
    this.holdUntil = 0
    this.wake()
    return pending
  }

  /**
   * Sends the head of one group right away, past any hold or backoff (one request, e.g. for a registration
   * that just finished and wants to tell its user whether the backend has it). Returns whether a report of
   * the group is on its way now; not when the rate limit has no room left or nothing can be sent.
   */
  sendGroupNow(groupKey: string): boolean {
    if (!this.pump.isRunning) return false
    if (this.inFlight.has(groupKey)) return true
    const head = this.repo.groupHead(groupKey)
    if (!head || head.state !== 'pending') return false
    const now = this.now()
    if (!this.pacer.take(now)) return false
    this.launch(head, now)
    return true
  }

  /** Calls `listener` whenever a report leaves the sending state; returns the unsubscribe function. */
  onSettled(listener: SettledListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private sendWhatIsDue(): void {
    const now = this.now()
    if (this.inFlight.size < this.maxInFlight && now >= this.holdUntil) {
      const room = this.maxInFlight - this.inFlight.size
      for (const head of this.repo.dueHeads(iso(now), room, [...this.inFlight.keys()])) {
        if (!this.pacer.take(now)) break
        this.launch(head, now)
      }
    }
    this.scheduleNext(now)
  }

  private scheduleNext(now: number): void {
    if (this.inFlight.size >= this.maxInFlight) return // a finishing request pumps again
    const due = this.repo.nextDueAt([...this.inFlight.keys()])
    if (due === null) return
    const at = Math.max(Date.parse(due), this.holdUntil, this.pacer.nextAt(now))
    this.pump.lookAt(at, now)
  }

  private launch(report: OutboxRow, now: number): void {
    const backend = this.backendOf(report)
    if (!backend) return this.awaitSignIn(report, now)
    const attempt = report.attempts + 1
    const retryAt = now + backoffDelay(attempt, this.backoff, this.random)
    this.repo.markAttempt(report.id, attempt, iso(now), iso(retryAt))
    const dependency = report.dependsOn ? this.repo.get(report.dependsOn) : undefined
    const controller = new AbortController()
    const toSend = {
      kind: report.kind,
      payload: report.payload,
      idempotencyKey: report.idempotencyKey,
      dependency:
        dependency?.state === 'delivered' ? { kind: dependency.kind, result: dependency.result } : null,
    }
    const done = sendReport(backend, toSend, controller.signal)
      .then(
        (result) => this.delivered(report, result),
        (error: unknown) => this.notDelivered(report, error, retryAt, backend !== this.backend),
      )
      .catch((error: unknown) =>
        this.log?.warn({ reportId: report.id, error: String(error) }, 'outbox write failed'),
      )
      .finally(() => {
        this.inFlight.delete(report.groupKey)
        this.wake()
      })
    this.inFlight.set(report.groupKey, { done, controller })
  }

  /** The screen's own account when the report is theirs and they are signed in; null when they must sign in. */
  private backendOf(report: OutboxRow): ReportBackend | null {
    if (report.account === null || !this.accounts) return this.backend
    const own = this.accounts.backendFor(report.account)
    return own === undefined ? this.backend : own
  }

  /** Not the server's fault, so no hold for everyone: only this screen's reports wait. */
  private awaitSignIn(report: OutboxRow, now: number): void {
    this.repo.markRetry(report.id, SIGN_IN_NEEDED, iso(now + SIGN_IN_WAIT_MS))
    this.emit({ id: report.id, groupKey: report.groupKey, state: 'pending' })
  }

  private delivered(report: OutboxRow, result: unknown): void {
    if (!this.pump.isRunning) return
    this.repo.markDelivered(report.id, result, iso(this.now()))
    this.consecutiveFailures = 0
    this.holdUntil = 0
    this.emit({ id: report.id, groupKey: report.groupKey, state: 'delivered' })
  }

  /** `own`: it went with the screen's own account, so a refused token ends that screen's session only */
  private notDelivered(report: OutboxRow, error: unknown, retryAt: number, own: boolean): void {
    if (!this.pump.isRunning) return
    const outcome = classify(error)
    const now = this.now()
    if (own && report.account !== null && refusedCredentials(error)) {
      this.accounts?.ended(report.account)
      return this.awaitSignIn(report, now)
    }
    if (outcome.final) {
      this.repo.markFailed(report.id, outcome)
      this.log?.warn({ reportId: report.id, kind: report.kind, code: outcome.code }, outcome.message)
      this.emit({ id: report.id, groupKey: report.groupKey, state: 'failed' })
      return
    }
    this.consecutiveFailures += 1
    const hold = outcome.retryAfterMs ?? backoffDelay(this.consecutiveFailures, this.backoff, this.random)
    this.holdUntil = Math.max(this.holdUntil, now + hold)
    const nextAttempt = outcome.retryAfterMs === undefined ? retryAt : now + outcome.retryAfterMs
    this.repo.markRetry(report.id, outcome, iso(nextAttempt))
    this.log?.info({ reportId: report.id, kind: report.kind, code: outcome.code }, outcome.message)
    this.emit({ id: report.id, groupKey: report.groupKey, state: 'pending' })
  }

  private emit(report: SettledReport): void {
    for (const listener of this.listeners) listener(report)
  }
}

interface Outcome {
  final: boolean
  code: string
  message: string
  retryAfterMs?: number
}

// A 401 is about the proxy's credentials, not the report; 408 is the server giving up waiting.
const RETRYABLE_REJECTIONS = new Set([401, 408])

/**
 * What a failed attempt means for the report. Only the backend's own refusal (and our own bug) is final;
 * anything unexpected is retried, because dropping a report loses a student and resending one is harmless.
 */
export function classify(error: unknown): Outcome {
  if (!(error instanceof AppError)) {
    return { final: false, code: 'backend_unavailable', message: String((error as Error)?.message ?? error) }
  }
  const details = (error.extra.details ?? {}) as { status?: number; retryAfterSec?: number }
  if (error.code === 'backend_unavailable') {
    const retryAfterSec = error.extra.retryAfterSec ?? details.retryAfterSec
    const retryAfterMs = typeof retryAfterSec === 'number' ? Math.max(0, retryAfterSec) * 1000 : undefined
    return { final: false, code: error.code, message: error.message, retryAfterMs }
  }
  if (error.code === 'backend_rejected' && RETRYABLE_REJECTIONS.has(details.status ?? 0)) {
    return { final: false, code: error.code, message: error.message }
  }
  return { final: true, code: error.code, message: error.message }
}

/** The server refused who we are (an expired or revoked token), not what we sent. */
function refusedCredentials(error: unknown): boolean {
  if (!(error instanceof AppError) || error.code !== 'backend_rejected') return false
  return ((error.extra.details ?? {}) as { status?: number }).status === 401
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
