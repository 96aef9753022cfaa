import type { Registration } from '../../../shared/api/registrations'
import type { StudentSave, StudentSaveResult } from '../../../shared/api/students'
import { RegistrationEmployeeNo } from '../../../shared/api/registrations'
import { AppError } from '../../../shared/errors'
import type { SagaKind, SagaRecord } from '../../store/sagas-repo'
import { validate } from '../validate'
import { backendOn, type SagaDeps } from './deps'
import { edit } from './edit'
import type { FaceInput } from './face-input'
import { replay, type StoredOutcome } from './outcome'
import { recoverSaga } from './recovery'
import { register } from './register'
import { remove } from './remove'
import { saveToSchool } from './save-to-school'
import { deleteOnSchoolServer } from './school-delete'
import { adopt } from './adopt'

export interface RegistrationsOptions {
  /** how often unfinished undos (devices that were offline) are tried again */
  recoveryIntervalMs?: number
}

/**
 * The registration use cases as the proxy runs them: replay by clientId, one saga per student at a time,
 * and the recovery of sagas a previous run left unfinished.
 *
 * The same clientId while its first request is still running waits for that request and gets its answer
 * (a tablet that timed out and retried must not write twice, and should not be told "conflict" about its
 * own request). A saga left over from a previous run answers `conflict` until the recovery has finished it.
 */
export class Registrations {
  private readonly inflight = new Map<string, Promise<Registration>>()
  private readonly busy = new Set<string>()
  private readonly leftOver = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private pass: Promise<void> | null = null

  constructor(
    private readonly deps: SagaDeps,
    private readonly options: RegistrationsOptions = {},
  ) {
    for (const saga of deps.sagas.unfinished()) this.leftOver.add(saga.id)
  }

  async register(body: unknown): Promise<Registration> {
    const clientId = (body as { clientId?: unknown } | null)?.clientId
    if (typeof clientId !== 'string') return register(this.deps, body)
    return this.once(clientId, 'register', () => register(this.deps, body))
  }

  /**
   * Edits a person on every terminal holding them. A person the proxy did not enrol (the old app, a copy
   * job, an import) is adopted first: found on the terminals, their face taken from one of them, the school
   * server's fields filled in, and kept as a registration of origin `adopted`.
   */
  async edit(employeeNo: string, body: unknown, face?: FaceInput): Promise<Registration> {
    const no = validate(RegistrationEmployeeNo, employeeNo, 'employeeNo')
    const clientId = (body as { clientId?: unknown } | null)?.clientId
    const run = () =>
      this.exclusive(no, async () => {
        const record = this.deps.registrations.get(no)
        if (record) return edit(this.deps, record, body, face)
        const adoption = await adopt(this.deps, no)
        return edit(this.deps, adoption.record, body, face, adoption)
      })
    return typeof clientId === 'string' ? this.once(clientId, 'edit', run, no) : run()
  }

  /**
   * Removes a person from the named terminals, or else from every terminal the proxy knows holds them (its
   * registration and the terminal book), or, knowing none, from every terminal of the proxy; each read
   * back, and a terminal without the person counts as done. With `deleteOnSchoolServer` the school server's
   * student goes too (made inactive there), after the terminals.
   */
  async remove(
    employeeNo: string,
    deviceIds?: string[],
    options: { deleteOnSchoolServer?: boolean } = {},
  ): Promise<Registration> {
    const no = validate(RegistrationEmployeeNo, employeeNo, 'employeeNo')
    return this.exclusive(no, async () => {
      const record = this.deps.registrations.get(no)
      const ids = deviceIds ?? this.holdersOf(no, record?.deviceIds ?? [])
      if (ids.length === 0) {
        throw new AppError('validation_failed', 'The proxy has no terminal to remove the student from', {
          field: 'deviceIds',
        })
      }
      const registration = await remove(this.deps, no, record, ids)
      if (!options.deleteOnSchoolServer) return registration
      return { ...registration, schoolServer: await deleteOnSchoolServer(this.deps, no) }
    })
  }

  private holdersOf(employeeNo: string, registered: string[]): string[] {
    const known = [...new Set([...registered, ...(this.deps.book?.holding(employeeNo) ?? [])])].filter((id) =>
      this.deps.registry.has(id),
    )
    return known.length > 0 ? known : this.deps.registry.list().map((device) => device.id)
  }

  /** A student saved to the school server only, on no terminal (see save-to-school.ts). */
  saveToSchool(request: StudentSave): Promise<StudentSaveResult> {
    return saveToSchool(this.deps, request)
  }

  /** Runs the recovery now and then every interval while something is left; the first pass starts at once. */
  start(): void {
    if (this.timer) return
    void this.recover()
    this.timer = setInterval(() => void this.recover(), this.options.recoveryIntervalMs ?? 30_000)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.pass
  }

  /** One pass over the sagas that no request of this run is working on; resolves when it is over. */
  recover(): Promise<void> {
    this.pass ??= this.recoverPass().finally(() => (this.pass = null))
    return this.pass
  }

  private async recoverPass(): Promise<void> {
    const sagas = this.deps.sagas.unfinished().filter((s) => this.leftOver.has(s.id) || s.result !== null)
    for (const saga of sagas) {
      if (this.busy.has(saga.employeeNo) && !this.leftOver.has(saga.id)) continue
      const work = this.recoverOne(saga)
      if (saga.clientId)
        this.track(
          saga.clientId,
          work.then(() => this.answerStored(saga.id)),
        )
      await work
    }
  }

  private async recoverOne(saga: SagaRecord): Promise<void> {
    try {
      if (await recoverSaga(this.deps, saga)) this.leftOver.delete(saga.id)
    } catch (error) {
      this.deps.logger.warn(
        { sagaId: saga.id, err: (error as Error).message },
        'saga recovery failed; will retry',
      )
    }
  }

  private answerStored(sagaId: string): Registration {
    const saga = this.deps.sagas.get(sagaId)
    if (!saga) throw new AppError('internal', `saga ${sagaId} vanished`)
    return this.replay(saga)
  }

  /** First request with this clientId runs `work`; the rest get its answer, now or later. */
  private once(clientId: string, kind: SagaKind, work: () => Promise<Registration>, employeeNo?: string) {
    const running = this.inflight.get(clientId)
    if (running) return running
    const stored = this.deps.sagas.findByClientId(clientId)
    if (stored) {
      return Promise.resolve().then(() => {
        if (stored.kind !== kind || (employeeNo !== undefined && stored.employeeNo !== employeeNo)) {
          throw new AppError('conflict', `clientId ${clientId} was already used for another request`, {
            field: 'clientId',
          })
        }
        return this.replay(this.deps.sagas.get(stored.id) ?? stored)
      })
    }
    return this.track(clientId, work())
  }

  private track(clientId: string, promise: Promise<Registration>): Promise<Registration> {
    const tracked = promise.finally(() => {
      if (this.inflight.get(clientId) === tracked) this.inflight.delete(clientId)
    })
    // A waiting caller handles the rejection; this copy only keeps it from counting as unhandled.
    tracked.catch(() => undefined)
    this.inflight.set(clientId, tracked)
    return tracked
  }

  private replay(saga: SagaRecord): Registration {
    const outcome = saga.result as StoredOutcome | null
    if (!outcome) {
      throw new AppError(
        'conflict',
        'This request was interrupted when the proxy stopped and is still being undone; try again in a minute',
      )
    }
    const backend =
      backendOn(this.deps) && outcome.registration.status === 'SUCCESS'
        ? this.deps.outbox.status(saga.employeeNo)
        : outcome.registration.backend
    return replay(outcome, backend)
  }

  /** One saga per student at a time, and none while an earlier one is still being undone. */
  private async exclusive(employeeNo: string, work: () => Promise<Registration>): Promise<Registration> {
    if (this.busy.has(employeeNo) || this.deps.sagas.unfinishedFor(employeeNo).length > 0) {
      throw new AppError(
        'conflict',
        `Student ${employeeNo} is being changed by another request; try again shortly`,
      )
    }
    this.busy.add(employeeNo)
    try {
      return await work()
    } finally {
      this.busy.delete(employeeNo)
    }
  }
}
