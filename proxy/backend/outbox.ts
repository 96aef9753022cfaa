import type { OutboxItem, OutboxView } from '../../shared/api/outbox'
import type { BackendRefusal, BackendRefusalReason } from '../../shared/api/terminal-state'
import { AppError } from '../../shared/errors'
import type { Db } from '../store/db'
import { OutboxRepo, type OutboxRow } from '../store/outbox-repo'
import { refusalReason } from './refusal-reason'
import { currentReportAccount, type ReportAccounts } from './report-account'
import { OutboxSender, type OutboxSenderOptions, type SettledReport } from './outbox-sender'
import {
  BULKY_PAYLOAD_PATHS,
  describeReport,
  prepareReport,
  type PreparedReport,
  type ProvisionResult,
  type ReportBackend,
  type ReportDraft,
} from './report-kinds'

/** What a registration answer says about the backend: `backend` in the Registration response. */
export interface BackendReportStatus {
  status: 'sent' | 'queued' | 'off'
  provisioningId?: string
  /** set when the backend refused the report for good (it waits in the outbox as failed) */
  error?: { code: string; message: string; reason?: BackendRefusalReason; reportId?: string }
}

export interface OutboxOptions {
  db: Db
  /** the outbox table; by default one on `db` */
  repo?: OutboxRepo
  /** null or absent: LAN-only mode, reports are kept and nothing is sent */
  backend?: ReportBackend | null
  /** screens' own school-server accounts; absent, every report goes with `backend` */
  accounts?: ReportAccounts
  sender?: Omit<OutboxSenderOptions, 'repo' | 'backend' | 'accounts'>
  now?: () => number
}

export const DELIVER_SOON_MS = 2_000

/** The proxy's outbox of backend reports: written with the registration's result, delivered by the sender. */
export class Outbox {
  readonly mode: 'online' | 'lan-only'
  private readonly db: Db
  private readonly repo: OutboxRepo
  private readonly sender: OutboxSender | null
  private readonly now: () => number

  constructor(options: OutboxOptions) {
    this.db = options.db
    this.repo = options.repo ?? new OutboxRepo(options.db)
    this.now = options.now ?? options.sender?.now ?? Date.now
    this.sender = options.backend
      ? new OutboxSender({
          ...options.sender,
          repo: this.repo,
          backend: options.backend,
          ...(options.accounts ? { accounts: options.accounts } : {}),
        })
      : null
    this.mode = this.sender ? 'online' : 'lan-only'
  }

  /**
   * Writes reports, in order, in one transaction; inside the caller's own `db.transaction` it becomes a
   * savepoint of it, so reports exist exactly when the registration result they describe does.
   * A report whose idempotency key is already stored (the same registration written twice) is not written
   * again; its id is returned instead. Returns the ids in the order given.
   */
  enqueue(drafts: readonly ReportDraft[]): string[] {
    const ids = this.db.transaction(() => {
      const renamed = new Map<string, string>()
      return drafts.map((draft) => this.write(prepareReport(draft), renamed))
    })()
    this.sender?.wake()
    return ids
  }

  start(): void {
    this.sender?.start()
  }

  /** The screen signed in (again): the reports that waited for it go now. */
  accountReady(account: string): void {
    this.repo.makeAccountDue(account, new Date(this.now()).toISOString())
    this.sender?.wake()
  }

  /** The screen signed out or was unpaired: its waiting reports go with the shared account instead. */
  accountGone(account: string): void {
    this.repo.moveToShared(account, new Date(this.now()).toISOString())
    this.sender?.wake()
  }

  /** How many of the screen's own reports wait to be sent. */
  pendingOf(account: string): number {
    return this.repo.pendingOf(account)
  }

  async stop(): Promise<void> {
    await this.sender?.stop()
  }

  /**
   * Tries to deliver a student's reports now and waits up to `waitMs` for the provision to be accepted.
   * `sent` with the provisioningId when it was, `queued` when the reports wait for a later attempt,
   * `off` in LAN-only mode. The sending goes on in the background either way.
   */
  async deliverSoon(groupKey: string, waitMs = DELIVER_SOON_MS): Promise<BackendReportStatus> {
    const sender = this.sender
    if (!sender) return { status: 'off' }
    const before = this.status(groupKey)
    if (before.status === 'sent' || before.error) return before
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined
      const finish = () => {
        clearTimeout(timer)
        unsubscribe()
        resolve(this.status(groupKey))
      }
      const unsubscribe = sender.onSettled((report) => {
        if (report.groupKey !== groupKey) return
        const now = this.status(groupKey)
        // A retry scheduled for later will not land within a couple of seconds: answer now.
        if (now.status === 'sent' || now.error || report.state === 'pending') finish()
      })
      // Nothing on its way (paced out, or nothing to send): waiting would only delay the registration.
      if (sender.sendGroupNow(groupKey)) timer = setTimeout(finish, waitMs)
      else finish()
    })
  }

  /** Calls `listener` whenever a report is delivered, refused, or put back to wait; returns the unsubscribe. */
  onSettled(listener: (report: SettledReport) => void): () => void {
    return this.sender ? this.sender.onSettled(listener) : () => {}
  }

  /** Where a student's reports stand right now, without sending anything. */
  status(groupKey: string): BackendReportStatus {
    if (!this.sender) return { status: 'off' }
    const provision = this.repo.latestOfKind(groupKey, 'provision')
    const target = provision ?? this.repo.groupHead(groupKey)
    if (!target || target.state === 'delivered') {
      const provisioningId = (provision?.result as ProvisionResult | null | undefined)?.provisioningId
      return provisioningId ? { status: 'sent', provisioningId } : { status: 'sent' }
    }
    if (target.state === 'failed') {
      return {
        status: 'queued',
        error: {
          code: target.lastErrorCode ?? 'internal',
          message: target.lastError ?? '',
          ...(target.lastErrorCode === 'backend_rejected' ? { reason: refusalReason(target.lastError) } : {}),
          reportId: target.id,
        },
      }
    }
    return { status: 'queued' }
  }

  /** The student (groupKey) of the report stored under this idempotency key, if there is one. */
  groupOfKey(idempotencyKey: string): string | undefined {
    return this.repo.findByIdempotencyKey(idempotencyKey)?.groupKey
  }

  /** What the school server answered to the student's newest delivered provision. */
  provisionResult(groupKey: string): ProvisionResult | undefined {
    const row = this.repo.latestOfKind(groupKey, 'provision')
    return row?.state === 'delivered' ? ((row.result as ProvisionResult | null) ?? undefined) : undefined
  }

  /** The newest report about this student the school server refused for good, if one waits. */
  refusal(groupKey: string): BackendRefusal | undefined {
    const row = this.repo.latestFailed(groupKey)
    if (!row) return undefined
    return {
      code: row.lastErrorCode ?? 'backend_rejected',
      reason: refusalReason(row.lastError),
      message: row.lastError ?? '',
      kind: row.kind,
      reportId: row.id,
      at: row.lastAttemptAt,
    }
  }

  /** Every pending report becomes due now. In LAN-only mode nothing is sent; the count is still given. */
  flush(): { pending: number } {
    if (!this.sender) return { pending: this.repo.countByState().pending }
    return { pending: this.sender.flush() }
  }

  /** Puts a failed report back in line (due now, attempts from zero). */
  retry(id: string): OutboxItem {
    const row = this.repo.get(id)
    if (!row) throw new AppError('not_found', `No report with id ${id} in the outbox`)
    if (row.state === 'delivered') throw new AppError('conflict', `Report ${id} has already been delivered`)
    this.repo.requeue(id, new Date(this.now()).toISOString())
    this.sender?.wake()
    const item = this.view().pending.find((p) => p.id === id)
    if (!item) throw new AppError('internal', `Report ${id} vanished while being requeued`)
    return item
  }

  view(): OutboxView {
    const heads = new Map<string, string>()
    const items = this.repo.listUndelivered(BULKY_PAYLOAD_PATHS).map((row) => {
      const head = heads.get(row.groupKey)
      if (head === undefined) heads.set(row.groupKey, row.id)
      return toItem(row, head ?? null)
    })
    return {
      pending: items.filter((item) => item.state === 'pending'),
      delivered: this.repo.countByState().delivered,
      failed: items.filter((item) => item.state === 'failed'),
      mode: this.mode,
    }
  }

  private write(report: PreparedReport, renamed: Map<string, string>): string {
    const existing = this.repo.findByIdempotencyKey(report.idempotencyKey)
    if (existing) {
      renamed.set(report.id, existing.id)
      return existing.id
    }
    const resolved = resolveDependency(report, renamed)
    if (resolved.dependsOn) this.checkDependency(resolved)
    this.repo.insert({
      ...resolved,
      createdAt: new Date(this.now()).toISOString(),
      account: currentReportAccount(),
    })
    return resolved.id
  }

  private checkDependency(report: PreparedReport): void {
    const dependency = this.repo.get(report.dependsOn as string)
    if (!dependency || dependency.groupKey !== report.groupKey || dependency.kind !== 'provision') {
      throw new AppError(
        'internal',
        `a ${report.kind} report must point at an earlier provision of the same student (got ${report.dependsOn})`,
      )
    }
  }
}

/** A dependency on a report that turned out to exist already points at the stored one. */
function resolveDependency(report: PreparedReport, renamed: Map<string, string>): PreparedReport {
  const target = report.dependsOn && renamed.get(report.dependsOn)
  if (!target) return report
  const payload = { ...report.payload } as Record<string, unknown>
  if ('provisioningIdFrom' in payload) payload.provisioningIdFrom = target
  if ('studentIdFrom' in payload) payload.studentIdFrom = target
  return { ...report, payload: payload as PreparedReport['payload'], dependsOn: target }
}

function toItem(row: OutboxRow, waitingFor: string | null): OutboxItem {
  return {
    id: row.id,
    kind: row.kind,
    groupKey: row.groupKey,
    summary: describeReport(row.kind, row.payload),
    state: row.state === 'failed' ? 'failed' : 'pending',
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    lastError: row.lastError,
    lastErrorCode: row.lastErrorCode,
    ...(row.state === 'failed' && row.lastErrorCode === 'backend_rejected'
      ? { refusalReason: refusalReason(row.lastError) }
      : {}),
    createdAt: row.createdAt,
    waitingFor,
  }
}
