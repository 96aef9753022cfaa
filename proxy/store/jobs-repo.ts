import {
  NO_PHOTO,
  type Job,
  type JobCapacity,
  type JobError,
  type JobState,
  type JobType,
} from '../../shared/api/jobs'
import type { Db } from './db'

export type JobItemState = 'writing' | 'done' | 'skipped' | 'failed'

/** A person the job has decided about: by employeeNo (device source) or student id (database source). */
export interface JobItemKey {
  key: string
  employeeNo?: string
  studentId?: string
  name?: string
}

export interface JobItemRow extends JobItemKey {
  seq: number
  state: JobItemState
  error: JobError | null
}

export interface NewJob {
  id: string
  type: JobType
  sourceDeviceId: string | null
  targetDeviceId: string
  capacity: JobCapacity | null
  warning: string | null
  startedAt: string
}

interface JobRow {
  id: string
  type: JobType
  state: JobState
  sourceDeviceId: string | null
  targetDeviceId: string
  total: number
  capacityJson: string | null
  warning: string | null
  cancelRequested: number
  lastErrorJson: string | null
  startedAt: string
  finishedAt: string | null
}

interface RawItem {
  key: string
  seq: number
  employeeNo: string | null
  studentId: string | null
  name: string | null
  state: JobItemState
  errorCode: string | null
  errorMessage: string | null
  subStatus: string | null
}

const JOB_COLUMNS = `id, type, state, source_device_id AS sourceDeviceId, target_device_id AS targetDeviceId,
  total, capacity_json AS capacityJson, warning, cancel_requested AS cancelRequested,
  last_error_json AS lastErrorJson, started_at AS startedAt, finished_at AS finishedAt`
const ITEM_COLUMNS = `item_key AS key, seq, employee_no AS employeeNo, student_id AS studentId, name, state,
  error_code AS errorCode, error_message AS errorMessage, sub_status AS subStatus`

/** How many errors (and people passed over with a reason) a Job carries; the CSV report has them all. */
const ERRORS_IN_VIEW = 200

/** Clone jobs and their per-person outcomes (migration 005). */
export class JobsRepo {
  constructor(private readonly db: Db) {}

  create(job: NewJob): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, type, state, source_device_id, target_device_id, capacity_json, warning, started_at)
         VALUES (@id, @type, 'queued', @sourceDeviceId, @targetDeviceId, @capacityJson, @warning, @startedAt)`,
      )
      .run({
        ...job,
        capacityJson: job.capacity ? JSON.stringify(job.capacity) : null,
      })
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM jobs WHERE id = ?').get(id) !== undefined
  }

  /** The job as the API shows it, counts included; undefined when there is no such job. */
  view(id: string): Job | undefined {
    const row = this.db.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`).get(id) as JobRow | undefined
    return row && this.toJob(row)
  }

  /** Newest first. */
  list(limit = 50): Job[] {
    const rows = this.db
      .prepare(`SELECT ${JOB_COLUMNS} FROM jobs ORDER BY started_at DESC, rowid DESC LIMIT ?`)
      .all(limit) as JobRow[]
    return rows.map((row) => this.toJob(row))
  }

  /** Jobs a previous run left queued or running, oldest first. */
  unfinished(): string[] {
    const rows = this.db
      .prepare(`SELECT id FROM jobs WHERE state IN ('queued', 'running') ORDER BY started_at, rowid`)
      .all() as Array<{ id: string }>
    return rows.map((row) => row.id)
  }

  setState(id: string, state: JobState, finishedAt: string | null = null): void {
    this.db.prepare('UPDATE jobs SET state = ?, finished_at = ? WHERE id = ?').run(state, finishedAt, id)
  }

  setTotal(id: string, total: number): void {
    this.db.prepare('UPDATE jobs SET total = ? WHERE id = ?').run(total, id)
  }

  setLastError(id: string, error: JobError | null): void {
    this.db
      .prepare('UPDATE jobs SET last_error_json = ? WHERE id = ?')
      .run(error ? JSON.stringify(error) : null, id)
  }

  requestCancel(id: string): void {
    this.db.prepare('UPDATE jobs SET cancel_requested = 1 WHERE id = ?').run(id)
  }

  cancelRequested(id: string): boolean {
    const row = this.db.prepare('SELECT cancel_requested AS c FROM jobs WHERE id = ?').get(id) as
      { c: number } | undefined
    return row?.c === 1
  }

  /** Every decided person's state by key: what a resumed job must not do again. */
  itemStates(id: string): Map<string, JobItemState> {
    const rows = this.db
      .prepare('SELECT item_key AS key, state FROM job_items WHERE job_id = ?')
      .all(id) as Array<{
      key: string
      state: JobItemState
    }>
    return new Map(rows.map((row) => [row.key, row.state]))
  }

  /** People that may be on the target without their face: written when a previous run stopped. */
  writing(id: string): JobItemRow[] {
    return this.items(id, `AND state = 'writing'`)
  }

  /** Every person in the order the job met them, for the CSV report. */
  allItems(id: string): JobItemRow[] {
    return this.items(id, '')
  }

  /** Records (or changes) one person's state; the first record fixes its place in the report. */
  setItem(
    id: string,
    item: JobItemKey,
    state: JobItemState,
    at: string,
    error: JobError | null = null,
  ): void {
    this.db
      .prepare(
        `INSERT INTO job_items (job_id, item_key, seq, employee_no, student_id, name, state, error_code,
           error_message, sub_status, updated_at)
         VALUES (@id, @key, (SELECT COALESCE(MAX(seq), 0) + 1 FROM job_items WHERE job_id = @id), @employeeNo,
           @studentId, @name, @state, @code, @message, @subStatus, @at)
         ON CONFLICT (job_id, item_key) DO UPDATE SET state = excluded.state, error_code = excluded.error_code,
           error_message = excluded.error_message, sub_status = excluded.sub_status,
           updated_at = excluded.updated_at`,
      )
      .run({
        id,
        key: item.key,
        employeeNo: item.employeeNo ?? null,
        studentId: item.studentId ?? null,
        name: item.name ?? null,
        state,
        code: error?.code ?? null,
        message: error?.message ?? null,
        subStatus: error?.subStatusCode ?? null,
        at,
      })
  }

  /** Forgets a person (a `writing` one that was removed from the target again), so it is done afresh. */
  dropItem(id: string, key: string): void {
    this.db.prepare('DELETE FROM job_items WHERE job_id = ? AND item_key = ?').run(id, key)
  }

  private items(id: string, where: string): JobItemRow[] {
    const rows = this.db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM job_items WHERE job_id = ? ${where} ORDER BY seq`)
      .all(id) as RawItem[]
    return rows.map(toItem)
  }

  private toJob(row: JobRow): Job {
    const counts = this.db
      .prepare(`SELECT state, COUNT(*) AS n FROM job_items WHERE job_id = ? GROUP BY state`)
      .all(row.id) as Array<{ state: JobItemState; n: number }>
    const count = (state: JobItemState) => counts.find((c) => c.state === state)?.n ?? 0
    const errors = (
      this.db
        .prepare(
          `SELECT ${ITEM_COLUMNS} FROM job_items
           WHERE job_id = ? AND state IN ('failed', 'skipped') AND error_code IS NOT NULL ORDER BY seq LIMIT ?`,
        )
        .all(row.id, ERRORS_IN_VIEW) as RawItem[]
    ).flatMap((raw) => toItem(raw).error ?? [])
    const noPhoto = (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM job_items WHERE job_id = ? AND state = 'skipped' AND error_code = ?`,
        )
        .get(row.id, NO_PHOTO) as { n: number }
    ).n
    const decided = count('done') + count('skipped') + count('failed')
    return {
      id: row.id,
      type: row.type,
      state: row.state,
      // A source may grow while the job runs; the total never shows less than what was decided.
      total: Math.max(row.total, decided),
      done: count('done'),
      skipped: count('skipped'),
      noPhoto,
      failed: count('failed'),
      errors,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      ...(row.warning ? { warning: row.warning } : {}),
      sourceDeviceId: row.sourceDeviceId,
      targetDeviceId: row.targetDeviceId,
      capacity: row.capacityJson ? (JSON.parse(row.capacityJson) as JobCapacity) : null,
      cancelRequested: row.cancelRequested === 1,
      lastError: row.lastErrorJson ? (JSON.parse(row.lastErrorJson) as JobError) : null,
    }
  }
}

function toItem(raw: RawItem): JobItemRow {
  const who = {
    ...(raw.employeeNo ? { employeeNo: raw.employeeNo } : {}),
    ...(raw.studentId ? { studentId: raw.studentId } : {}),
    ...(raw.name ? { name: raw.name } : {}),
  }
  return {
    key: raw.key,
    seq: raw.seq,
    state: raw.state,
    ...who,
    error:
      raw.errorCode === null
        ? null
        : {
            ...who,
            code: raw.errorCode,
            message: raw.errorMessage ?? '',
            ...(raw.subStatus ? { subStatusCode: raw.subStatus } : {}),
          },
  }
}
