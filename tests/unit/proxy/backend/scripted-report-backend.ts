import { randomUUID } from 'node:crypto'
import { AppError } from '../../../../shared/errors'
import type {
  DeviceResultBody,
  ProvisionBody,
  ProvisionResult,
  ReportBackend,
  SendOptions,
  StudentUpdateBody,
} from '../../../../proxy/backend/report-kinds'

export interface ScriptedCall {
  route: 'provision' | 'device-result' | 'student-update'
  idempotencyKey: string
  target?: string
  body: unknown
}

/**
 * A backend behind the outbox's narrow interface, for the sender's timing rules: each call can be made to
 * fail, or held until the test lets it answer. Like the real server, a repeated requestId gets the first
 * provisioning back.
 */
export class ScriptedBackend implements ReportBackend {
  readonly calls: ScriptedCall[] = []
  readonly students = new Map<string, ProvisionResult>()
  readonly callTimes: number[] = []
  private readonly failures: { error: AppError; when: (call: ScriptedCall) => boolean }[] = []
  private gate: Promise<void> | null = null
  private openGate: (() => void) | null = null

  /** The next call (or the next one `when` picks) fails with `error`. */
  failNext(error: AppError, when: (call: ScriptedCall) => boolean = () => true): void {
    this.failures.push({ error, when })
  }

  /** Answers wait until `release()`; the work is done when the request arrives, as on a slow server. */
  holdAnswers(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve))
  }

  release(): void {
    this.openGate?.()
    this.gate = null
  }

  async provision(body: ProvisionBody, options: SendOptions): Promise<ProvisionResult> {
    const call = { route: 'provision' as const, idempotencyKey: options.idempotencyKey, body }
    return this.answer(
      call,
      () => {
        const first = this.students.get(body.requestId)
        if (first) return first
        const created = {
          provisioningId: `prov-${this.students.size + 1}`,
          studentId: randomUUID(),
          deviceStudentId: body.student.deviceStudentId,
        }
        this.students.set(body.requestId, created)
        return created
      },
      options.signal,
    )
  }

  async deviceResult(provisioningId: string, body: DeviceResultBody, options: SendOptions): Promise<unknown> {
    const call = {
      route: 'device-result' as const,
      idempotencyKey: options.idempotencyKey,
      target: provisioningId,
      body,
    }
    return this.answer(call, () => ({
      ok: true,
      provisioningStatus: 'PROCESSING',
      deviceStatus: body.status,
    }))
  }

  async updateStudent(studentId: string, body: StudentUpdateBody, options: SendOptions): Promise<unknown> {
    const call = {
      route: 'student-update' as const,
      idempotencyKey: options.idempotencyKey,
      target: studentId,
      body,
    }
    return this.answer(call, () => ({ id: studentId, ...body }), options.signal)
  }

  callsTo(route: ScriptedCall['route']): ScriptedCall[] {
    return this.calls.filter((c) => c.route === route)
  }

  private async answer<T>(call: ScriptedCall, work: () => T, signal?: AbortSignal): Promise<T> {
    this.calls.push(call)
    this.callTimes.push(Date.now())
    const index = this.failures.findIndex((f) => f.when(call))
    if (index >= 0) throw this.failures.splice(index, 1)[0]!.error
    const result = work()
    if (this.gate) await Promise.race([this.gate, aborted(signal)])
    return result
  }
}

export const unavailable = (retryAfterSec?: number) =>
  new AppError('backend_unavailable', 'Server javob bermadi', {
    details: retryAfterSec === undefined ? { retryable: true } : { retryable: true, retryAfterSec },
  })

export const rejected = (message: string, status = 409) =>
  new AppError('backend_rejected', message, { details: { status } })

/** Rejects when the request is cut off, as a real HTTP client does. */
function aborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(unavailable()), { once: true })
  })
}
