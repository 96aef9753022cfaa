import type { Db } from './db'

export type SagaKind = 'register' | 'edit' | 'remove'
/** `running`: writing; `undoing`: putting the devices back; `done`: nothing more to do on any device */
export type SagaState = 'running' | 'undoing' | 'done'
/**
 * `sent`: on its way (a proxy killed now does not know whether the device applied it);
 * `done`: the device confirmed; `refused`: the device answered with a refusal, so nothing was applied;
 * `failed`: no readable answer (timeout, dropped connection, garbage), so it may have been applied.
 */
export type StepState = 'sent' | 'done' | 'refused' | 'failed'

export interface StepError {
  code: string
  message: string
  subStatusCode?: string
  retryAfterSec?: number
}

export interface SagaRecord {
  id: string
  kind: SagaKind
  clientId: string | null
  employeeNo: string
  state: SagaState
  /** what the saga means to do, as its kind defines it */
  plan: unknown
  /** the new face this saga writes, if it writes one */
  faceJpeg: Buffer | null
  /** the answer given (or to be given) for this saga, once there is one */
  result: unknown
  createdAt: string
  updatedAt: string
}

export interface StepRecord {
  sagaId: string
  deviceId: string
  seq: number
  action: string
  state: StepState
  error: StepError | null
  startedAt: string
  endedAt: string | null
}

interface SagaRow extends Omit<SagaRecord, 'plan' | 'result'> {
  planJson: string
  resultJson: string | null
}

interface StepRow extends Omit<StepRecord, 'error'> {
  errorJson: string | null
}

const SELECT_SAGA = `SELECT id, kind, client_id AS clientId, employee_no AS employeeNo, state,
  plan_json AS planJson, face_jpeg AS faceJpeg, result_json AS resultJson, created_at AS createdAt,
  updated_at AS updatedAt FROM sagas`

const SELECT_STEP = `SELECT saga_id AS sagaId, device_id AS deviceId, seq, action, state,
  error_json AS errorJson, started_at AS startedAt, ended_at AS endedAt FROM saga_steps`

/** Sagas and their per-device step log; every write is its own small transaction (WAL makes them cheap). */
export class SagasRepo {
  constructor(private readonly db: Db) {}

  create(saga: Omit<SagaRecord, 'result' | 'updatedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO sagas (id, kind, client_id, employee_no, state, plan_json, face_jpeg, result_json,
           created_at, updated_at)
         VALUES (@id, @kind, @clientId, @employeeNo, @state, @planJson, @faceJpeg, NULL, @createdAt, @createdAt)`,
      )
      .run({
        id: saga.id,
        kind: saga.kind,
        clientId: saga.clientId,
        employeeNo: saga.employeeNo,
        state: saga.state,
        planJson: JSON.stringify(saga.plan),
        faceJpeg: saga.faceJpeg,
        createdAt: saga.createdAt,
      })
  }

  get(id: string): SagaRecord | undefined {
    const row = this.db.prepare(`${SELECT_SAGA} WHERE id = ?`).get(id) as SagaRow | undefined
    return row && toSaga(row)
  }

  findByClientId(clientId: string): SagaRecord | undefined {
    const row = this.db.prepare(`${SELECT_SAGA} WHERE client_id = ?`).get(clientId) as SagaRow | undefined
    return row && toSaga(row)
  }

  /** Sagas that still have device work to do, oldest first. */
  unfinished(): SagaRecord[] {
    return (
      this.db.prepare(`${SELECT_SAGA} WHERE state <> 'done' ORDER BY created_at, id`).all() as SagaRow[]
    ).map(toSaga)
  }

  setState(id: string, state: SagaState, at: string): void {
    this.db.prepare('UPDATE sagas SET state = ?, updated_at = ? WHERE id = ?').run(state, at, id)
  }

  /**
   * Stores the answer; `state` says whether device work remains (an undo that could not finish yet).
   * A finished saga lets go of its photo: the registration keeps the one that stayed on the devices.
   */
  setResult(id: string, result: unknown, state: SagaState, at: string): void {
    this.db
      .prepare(
        `UPDATE sagas SET result_json = ?, state = ?, updated_at = ?,
           face_jpeg = CASE WHEN ? = 'done' THEN NULL ELSE face_jpeg END
         WHERE id = ?`,
      )
      .run(JSON.stringify(result), state, at, state, id)
  }

  /** Unfinished sagas of one student: while one exists, another saga must not touch the student. */
  unfinishedFor(employeeNo: string): SagaRecord[] {
    return this.unfinished().filter((saga) => saga.employeeNo === employeeNo)
  }

  /** Logs a step as sent, before the request leaves; returns its number within the device's log. */
  beginStep(sagaId: string, deviceId: string, action: string, at: string): number {
    const next = this.db
      .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM saga_steps WHERE saga_id = ? AND device_id = ?')
      .get(sagaId, deviceId) as { seq: number }
    this.db
      .prepare(
        `INSERT INTO saga_steps (saga_id, device_id, seq, action, state, started_at)
         VALUES (?, ?, ?, ?, 'sent', ?)`,
      )
      .run(sagaId, deviceId, next.seq, action, at)
    return next.seq
  }

  endStep(
    sagaId: string,
    deviceId: string,
    seq: number,
    state: Exclude<StepState, 'sent'>,
    error: StepError | null,
    at: string,
  ): void {
    this.db
      .prepare(
        `UPDATE saga_steps SET state = ?, error_json = ?, ended_at = ?
         WHERE saga_id = ? AND device_id = ? AND seq = ?`,
      )
      .run(state, error ? JSON.stringify(error) : null, at, sagaId, deviceId, seq)
  }

  steps(sagaId: string, deviceId?: string): StepRecord[] {
    const rows = (
      deviceId === undefined
        ? this.db.prepare(`${SELECT_STEP} WHERE saga_id = ? ORDER BY device_id, seq`).all(sagaId)
        : this.db
            .prepare(`${SELECT_STEP} WHERE saga_id = ? AND device_id = ? ORDER BY seq`)
            .all(sagaId, deviceId)
    ) as StepRow[]
    return rows.map(({ errorJson, ...row }) => ({
      ...row,
      error: errorJson ? (JSON.parse(errorJson) as StepError) : null,
    }))
  }
}

function toSaga({ planJson, resultJson, ...row }: SagaRow): SagaRecord {
  return {
    ...row,
    plan: JSON.parse(planJson) as unknown,
    result: resultJson === null ? null : (JSON.parse(resultJson) as unknown),
  }
}
