import type { Job } from '../../../shared/api/jobs'
import type { Logger } from '../../log'
import type { AuditActor } from '../../store/audit-repo'
import type { AuditLog } from './audit-log'
import { jobSnapshot } from './snapshots'

/** What following a job needs from the clone jobs service. */
export interface JobFeed {
  list(): Job[]
  updates(id: string, signal: AbortSignal): AsyncGenerator<Job | null>
}

const SYSTEM: AuditActor = { name: 'proxy', role: 'system', tokenId: null }
const FINAL = new Set(['done', 'failed', 'cancelled'])

/**
 * Clone jobs end long after the request that started them: each started job (and each one a previous run
 * left unfinished) is followed to its final state, which is recorded as `job.finish` in the name of
 * whoever started it; a cancelled one as `job.cancelled` (it stopped before the end, as asked, so `ok`).
 */
export class JobEnds {
  private readonly stopping = new AbortController()
  private readonly following = new Set<string>()

  constructor(
    private readonly jobs: JobFeed,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
    private readonly deviceName: (id: string) => string | null,
  ) {
    audit.onRecord((record) => {
      if (record.action === 'job.start' && record.result === 'ok' && record.target?.id) {
        this.follow(record.target.id, record.actor)
      }
    })
  }

  /** Follows the jobs a previous run left queued or running. */
  resume(): void {
    for (const job of this.jobs.list()) {
      if (FINAL.has(job.state)) continue
      this.follow(job.id, this.audit.lastFor('job.start', job.id)?.actor ?? SYSTEM)
    }
  }

  stop(): void {
    this.stopping.abort()
  }

  private follow(jobId: string, actor: AuditActor): void {
    if (this.following.has(jobId)) return
    this.following.add(jobId)
    void this.untilEnd(jobId, actor)
      .catch((error: unknown) => this.logger.warn({ err: error, jobId }, 'job end not recorded'))
      .finally(() => this.following.delete(jobId))
  }

  private async untilEnd(jobId: string, actor: AuditActor): Promise<void> {
    for await (const job of this.jobs.updates(jobId, this.stopping.signal)) {
      if (!job || !FINAL.has(job.state)) continue
      const failed = job.state === 'failed'
      this.audit.record({
        actor,
        action: job.state === 'cancelled' ? 'job.cancelled' : 'job.finish',
        route: null,
        target: {
          type: 'job',
          id: job.id,
          label: job.targetDeviceId ? this.deviceName(job.targetDeviceId) : null,
        },
        result: failed ? 'failed' : 'ok',
        status: null,
        error: failed
          ? { code: job.lastError?.code ?? 'internal', message: job.lastError?.message ?? 'The job stopped' }
          : null,
        before: null,
        after: jobSnapshot(job),
        input: null,
        retryOf: null,
      })
      return
    }
  }
}
