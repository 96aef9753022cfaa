import { afterEach, beforeEach } from 'vitest'
import { createBackendClient, type BackendClientOptions } from '../../../../proxy/backend/client'
import { startBackend, type SimBackend, type StartBackendOptions } from '../../../sim/backend'
import { AppError } from '../../../../shared/errors'

/** A fresh simulated backend per test, and a client logged in as its school admin. */
export function useBackend(options: StartBackendOptions = {}) {
  const box = {} as { backend: SimBackend }
  beforeEach(async () => {
    box.backend = await startBackend(options)
  })
  afterEach(async () => {
    await box.backend.close()
  })
  return {
    get backend() {
      return box.backend
    },
    client(overrides: Partial<BackendClientOptions> = {}) {
      const { admin } = box.backend.credentials
      return createBackendClient({
        baseUrl: box.backend.url,
        schoolId: box.backend.schoolId,
        email: admin.email,
        password: admin.password,
        // room for a busy machine; tests of the timeout itself pass their own
        timeoutMs: 10_000,
        ...overrides,
      })
    },
  }
}

/** The AppError a promise rejects with, for asserting its code and details. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`)
  return error
}

export function detailsOf(error: AppError): Record<string, unknown> {
  return (error.extra.details ?? {}) as Record<string, unknown>
}
