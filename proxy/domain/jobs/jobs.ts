import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import {
  JobCapacityQuery,
  JobCreate,
  type Job,
  type JobCapacityCheck,
  type JobReportRow,
  type JobState,
} from '../../../shared/api/jobs'
import { AppError } from '../../../shared/errors'
import type { IsapiClient } from '../../isapi'
import type { Logger } from '../../log'
import type { JobsRepo } from '../../store/jobs-repo'
import { validate } from '../validate'
import { capacityWarning, checkCapacity } from './capacity'
import type { CloneSource } from './clone-item'
import { clonePass, removeUnfinished } from './clone-pass'
import { databaseSource, type CloneBackend } from './database-source'
import { deviceSource } from './device-source'
import { jobError, passes } from './job-errors'
import { jobReportCsv } from './report-csv'
import { jobReportRows } from './report-rows'
import type { TerminalBook } from '../terminal-states/terminal-book'

export interface JobsDeps {
  repo: JobsRepo
  /** the shared per-device ISAPI clients: a job's requests queue with everything else sent to that device */
  clients: { get(deviceId: string): IsapiClient }
  /** throws `not_found` for an unknown device */
  devices: { get(deviceId: string): unknown }
  /** the school backend's students; null when no backend is configured */
  directory: CloneBackend | null
  /** records numbers put on a device, so they are never handed out to another student */
  claimNumber?(employeeNo: string): void
  /** who a job found or put on which terminal, for the proxy's per-terminal state */
  book?: Pick<TerminalBook, 'note'>
  logger: Logger
  now?: () => Date
  /** pauses before another pass when a device or the backend was away; one pass per entry, then `failed` */
  retryDelaysMs?: number[]
  /** how often a live view gets a new state at most, and how long it waits before a keep-alive */
  updateIntervalMs?: number
  heartbeatMs?: number
}

const FINAL: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled'])

export function isFinal(job: Pick<Job, 'state'>): boolean {
  return FINAL.has(job.state)
}

/**
 * Clone jobs: started by a request, run in the background, one at a time per target device, durable in
 * SQLite. A proxy that stops (or is killed) mid-job resumes the job at its next start: people already
 * decided stay decided, the one being written is removed from the target and written again.
 */
export class Jobs {
  private readonly now: () => Date
  private readonly emitter = new EventEmitter()
  private readonly runs = new Map<string, Promise<void>>()
  private readonly lanes = new Map<string, Promise<void>>()
  private readonly sleepers = new Set<() => void>()
  private shuttingDown = false

  constructor(private readonly deps: JobsDeps) {
    this.now = deps.now ?? (() => new Date())
    this.emitter.setMaxListeners(0)
  }

  /** Checks the devices and the room on the target, stores the job and starts it (or queues it). */
  async create(body: unknown): Promise<Job> {
    const input = validate(JobCreate, body)
    const sourceDeviceId = input.type === 'clone-device-to-device' ? input.sourceDeviceId : null
    const check = await this.capacity({
      targetDeviceId: input.targetDeviceId,
      ...(sourceDeviceId ? { sourceDeviceId } : {}),
    })
    const id = randomUUID()
    this.deps.repo.create({
      id,
      type: input.type,
      sourceDeviceId,
      targetDeviceId: input.targetDeviceId,
      capacity: check.capacity,
      warning: check.warning ?? null,
      startedAt: this.now().toISOString(),
    })
    this.deps.logger.info(
      {
        jobId: id,
        type: input.type,
        sourceDeviceId,
        targetDeviceId: input.targetDeviceId,
        ...check.capacity,
      },
      'clone job created',
    )
    this.schedule(id, input.targetDeviceId)
    return this.get(id)
  }

  /** The check a job makes before it starts, on its own: room on the target against the source's count. */
  async capacity(query: unknown): Promise<JobCapacityCheck> {
    const { targetDeviceId, sourceDeviceId } = validate(JobCapacityQuery, query)
    this.deps.devices.get(targetDeviceId)
    if (sourceDeviceId !== undefined) {
      this.deps.devices.get(sourceDeviceId)
      if (sourceDeviceId === targetDeviceId) {
        throw new AppError(
          'validation_failed',
          'sourceDeviceId: the source and the target are the same device',
          {
            field: 'sourceDeviceId',
          },
        )
      }
    }
    const incoming =
      sourceDeviceId !== undefined
        ? (await this.deps.clients.get(sourceDeviceId).countUsers()).users
        : (await this.directory().listStudents({ page: 1 })).total
    const capacity = await checkCapacity(this.deps.clients.get(targetDeviceId), incoming)
    const warning = capacityWarning(capacity)
    return { capacity, ...(warning ? { warning } : {}) }
  }

  get(id: string): Job {
    const job = this.deps.repo.view(id)
    if (!job) throw new AppError('not_found', `No job with id ${id}`)
    return job
  }

  list(): Job[] {
    return this.deps.repo.list()
  }

  /** Stops the job after the person it is writing; what is done stays done. A finished job is left as is. */
  cancel(id: string): Job {
    const job = this.get(id)
    if (isFinal(job)) return job
    this.deps.repo.requestCancel(id)
    if (!this.runs.has(id) || job.state === 'queued') this.finish(id, 'cancelled')
    this.wakeSleepers()
    this.deps.logger.info({ jobId: id }, 'clone job cancel asked')
    this.changed(id)
    return this.get(id)
  }

  /** Every person's outcome as CSV. */
  report(id: string): string {
    this.get(id)
    return jobReportCsv(this.deps.repo.allItems(id))
  }

  /** Every person's outcome as codes, for the app to write the report in the reader's language. */
  reportRows(id: string): JobReportRow[] {
    this.get(id)
    return jobReportRows(this.deps.repo.allItems(id))
  }

  /**
   * The job now, then again whenever it changes (at most every `updateIntervalMs`), `null` as a keep-alive
   * after `heartbeatMs` of quiet; ends after the job's final state or when `signal` aborts.
   */
  async *updates(id: string, signal: AbortSignal): AsyncGenerator<Job | null> {
    const interval = this.deps.updateIntervalMs ?? 100
    const heartbeat = this.deps.heartbeatMs ?? 15_000
    let dirty = true
    let wake: (() => void) | undefined
    const listener = () => {
      dirty = true
      wake?.()
    }
    this.emitter.on(id, listener)
    try {
      while (!signal.aborted) {
        if (dirty) {
          dirty = false
          const job = this.get(id)
          yield job
          if (isFinal(job)) return
          await pause(interval, signal)
          continue
        }
        const woke = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), heartbeat)
          const done = () => {
            clearTimeout(timer)
            signal.removeEventListener('abort', done)
            resolve(true)
          }
          wake = done
          signal.addEventListener('abort', done)
        })
        wake = undefined
        if (!woke) yield null
      }
    } finally {
      this.emitter.off(id, listener)
    }
  }

  /** Resumes the jobs a previous run left queued or running. */
  start(): void {
    for (const id of this.deps.repo.unfinished()) {
      const job = this.get(id)
      this.deps.logger.info(
        { jobId: id, done: job.done, skipped: job.skipped, total: job.total },
        'resuming job',
      )
      this.schedule(id, job.targetDeviceId ?? '')
    }
  }

  /** Lets each running job finish the person it is writing, and leaves it `running` for the next start. */
  async stop(): Promise<void> {
    this.shuttingDown = true
    this.wakeSleepers()
    await Promise.allSettled([...this.runs.values()])
  }

  private directory(): CloneBackend {
    if (!this.deps.directory) {
      throw new AppError('conflict', 'No school server is configured, so there are no students to copy', {
        field: 'type',
      })
    }
    return this.deps.directory
  }

  private schedule(id: string, targetDeviceId: string): void {
    const lane = (this.lanes.get(targetDeviceId) ?? Promise.resolve()).then(() => this.run(id))
    const tail = lane.catch((error: unknown) => {
      this.deps.logger.error({ jobId: id, err: jobError(error).message }, 'clone job crashed')
    })
    this.lanes.set(targetDeviceId, tail)
    this.runs.set(id, tail)
    void tail.finally(() => {
      this.runs.delete(id)
      if (this.lanes.get(targetDeviceId) === tail) this.lanes.delete(targetDeviceId)
    })
  }

  private async run(id: string): Promise<void> {
    const job = this.deps.repo.view(id)
    if (!job || isFinal(job) || this.shuttingDown) return
    if (this.deps.repo.cancelRequested(id)) return this.finish(id, 'cancelled')
    this.deps.repo.setState(id, 'running')
    this.changed(id)
    const delays = this.deps.retryDelaysMs ?? [2_000, 5_000, 10_000, 30_000, 60_000]
    for (let attempt = 0; ; attempt++) {
      try {
        await clonePass(id, this.passDeps(job))
        break
      } catch (error) {
        if (this.shuttingDown) return
        const problem = jobError(error)
        this.deps.repo.setLastError(id, problem)
        this.changed(id)
        const delay = delays[attempt]
        if (passes(error) && delay !== undefined && !this.deps.repo.cancelRequested(id)) {
          this.deps.logger.warn({ jobId: id, code: problem.code, attempt }, 'clone job waits for the device')
          await this.sleep(delay)
          if (this.shuttingDown) return
          continue
        }
        this.deps.logger.warn({ jobId: id, code: problem.code, err: problem.message }, 'clone job failed')
        await this.removeUnfinishedQuietly(id, job.targetDeviceId ?? '')
        return this.finish(id, this.deps.repo.cancelRequested(id) ? 'cancelled' : 'failed')
      }
    }
    if (this.shuttingDown) return
    this.deps.repo.setLastError(id, null)
    this.finish(id, this.deps.repo.cancelRequested(id) ? 'cancelled' : 'done')
  }

  private passDeps(job: Job) {
    const id = job.id
    return {
      repo: this.deps.repo,
      target: this.deps.clients.get(job.targetDeviceId ?? ''),
      source: this.sourceOf(job),
      now: this.now,
      changed: () => this.changed(id),
      stopping: () => this.shuttingDown || this.deps.repo.cancelRequested(id),
      ...(this.deps.claimNumber ? { claimNumber: this.deps.claimNumber } : {}),
      seenOnTarget: (employeeNo: string, name: string | undefined) =>
        this.deps.book?.note('copy', [
          { employeeNo, deviceId: job.targetDeviceId ?? '', state: 'present', name: name ?? null },
        ]),
    }
  }

  private sourceOf(job: Job): CloneSource {
    if (job.type === 'clone-db-to-device') return databaseSource(this.directory())
    const sourceDeviceId = job.sourceDeviceId ?? ''
    // reading the source is a look at it too: the Students page then shows the person on both terminals
    return deviceSource(this.deps.clients.get(sourceDeviceId), (users) =>
      this.deps.book?.note(
        'copy',
        users.map((user) => ({
          employeeNo: user.employeeNo,
          deviceId: sourceDeviceId,
          state: user.numOfFace === 0 && !user.faceURL ? 'no_face' : 'present',
          name: user.name,
        })),
      ),
    )
  }

  /** After a final failure, nobody the job was writing stays on the target without a face, if it answers. */
  private async removeUnfinishedQuietly(id: string, targetDeviceId: string): Promise<void> {
    try {
      await removeUnfinished(id, {
        repo: this.deps.repo,
        target: this.deps.clients.get(targetDeviceId),
        changed: () => this.changed(id),
      })
    } catch (error) {
      this.deps.logger.warn(
        { jobId: id, err: jobError(error).message },
        'could not tidy the target after a failed job',
      )
    }
  }

  private finish(id: string, state: JobState): void {
    this.deps.repo.setState(id, state, this.now().toISOString())
    const job = this.get(id)
    this.deps.logger.info(
      { jobId: id, state, total: job.total, done: job.done, skipped: job.skipped, failed: job.failed },
      'clone job finished',
    )
    this.changed(id)
  }

  private changed(id: string): void {
    this.emitter.emit(id)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.sleepers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.sleepers.add(done)
    })
  }

  private wakeSleepers(): void {
    for (const wake of [...this.sleepers]) wake()
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}
