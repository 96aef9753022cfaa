import { Registration, type RegistrationRequest } from '../../shared/api'
import type { ApiClient } from './client'

/** A face upload, a write and a read-back on every terminal chosen. */
const REGISTRATION_TIMEOUT_MS = 120_000

/** `POST /api/registrations`: a student onto the chosen terminals (and reported to the school server). */
export function register(api: ApiClient, body: RegistrationRequest): Promise<Registration> {
  return api.request('POST', '/api/registrations', {
    schema: Registration,
    body,
    timeoutMs: REGISTRATION_TIMEOUT_MS,
  })
}
