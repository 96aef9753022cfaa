import { AppError } from '../../../shared/errors'
import type { BackendClient } from '../../backend/client'

/**
 * The school server as the students and classes use cases see it: a client, or null when SR_BACKEND_URL is
 * unset (LAN-only mode). `require()` turns the null into the error the screens explain.
 */
export class BackendAccess {
  constructor(readonly client: BackendClient | null) {}

  get configured(): boolean {
    return this.client !== null
  }

  require(): BackendClient {
    if (this.client) return this.client
    throw notConfigured()
  }
}

export function notConfigured(): AppError {
  return new AppError(
    'backend_unavailable',
    'The school server is not set up on this proxy (SR_BACKEND_URL and SR_SCHOOL_ID are unset), so there are no students or classes to show. Devices and enrollment work without it.',
    { details: { reason: 'not_configured', retryable: false } },
  )
}

/** True for failures that mean "the server is away right now", after which a cached copy may stand in. */
export function isUnavailable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'backend_unavailable'
}
