import { randomInt } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { Logger } from '../../log'
import type { EmployeeNumbersRepo } from '../../store/employee-numbers-repo'

/** The backend's `by-device-student-id` lookup (BackendClient.isDeviceStudentIdFree). */
export interface StudentIdLookup {
  isDeviceStudentIdFree(deviceStudentId: string, options?: { signal?: AbortSignal }): Promise<boolean>
}

export interface EmployeeNumbersDeps {
  repo: EmployeeNumbersRepo
  /** null when no backend is configured */
  backend: StudentIdLookup | null
  logger?: Logger
  now?: () => Date
  /** how long a registration waits for the backend's answer before going on without it */
  backendTimeoutMs?: number
  /** a source of candidates, for tests */
  random?: () => string
}

const ATTEMPTS = 20

/**
 * Hands out employeeNos: 10 random digits, not starting with 0 (some firmware refuses a leading 0), each
 * recorded before it is used and never handed out again. When the backend can be asked in time, a number
 * it already knows is skipped too (`provision` would silently update that other student). The devices
 * themselves are asked by the saga's pre-flight check, which sends a taken number back here.
 */
export class EmployeeNumbers {
  private readonly now: () => Date
  private readonly random: () => string
  /** the number the next allocate() hands out, drawn early so devices can be asked about it ahead */
  private ahead: string | null = null

  constructor(private readonly deps: EmployeeNumbersDeps) {
    this.now = deps.now ?? (() => new Date())
    this.random = deps.random ?? (() => String(randomInt(1_000_000_000, 10_000_000_000)))
  }

  async allocate(): Promise<string> {
    const held = this.ahead
    this.ahead = null
    if (held && (await this.freeOnBackend(held))) return held
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const candidate = this.random()
      if (!/^[1-9][0-9]{9}$/.test(candidate)) continue
      if (!this.deps.repo.claim(candidate, 'allocated', this.now().toISOString())) continue
      if (await this.freeOnBackend(candidate)) return candidate
    }
    throw new AppError('internal', 'Could not find a free employee number; try again')
  }

  /**
   * Draws now the number the next allocate() will hand out, recorded like any other, so that the read-back
   * of the student being written can ask the devices about it in the same search. It lives in memory: a
   * restart forgets it, and a forgotten number is simply never used. Null when no candidate came out.
   */
  drawAhead(): string | null {
    if (this.ahead) return this.ahead
    const candidate = this.random()
    if (!/^[1-9][0-9]{9}$/.test(candidate)) return null
    if (!this.deps.repo.claim(candidate, 'allocated', this.now().toISOString())) return null
    this.ahead = candidate
    return candidate
  }

  /** Records a number the client brought (a student the backend already has). */
  claimGiven(employeeNo: string): void {
    this.deps.repo.claim(employeeNo, 'given', this.now().toISOString())
  }

  private async freeOnBackend(candidate: string): Promise<boolean> {
    const backend = this.deps.backend
    if (!backend) return true
    try {
      const signal = AbortSignal.timeout(this.deps.backendTimeoutMs ?? 3_000)
      return await backend.isDeviceStudentIdFree(candidate, { signal })
    } catch (error) {
      // Offline is normal: the number is random, recorded here and checked again when the provision lands.
      this.deps.logger?.warn({ err: errorText(error) }, 'backend not asked about a new employeeNo')
      return true
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
