import { createBackendClient } from '../../backend/client'
import type { Config } from '../../config'
import { BackendAccess } from '../students/backend-access'

/** The school server for the import and export use cases: a client, or none in LAN-only mode. */
export function schoolServerFor(config: Pick<Config, 'backend'>): BackendAccess {
  const backend = config.backend
  if (!backend) return new BackendAccess(null)
  const auth =
    backend.auth.kind === 'token'
      ? { token: backend.auth.token }
      : { email: backend.auth.email, password: backend.auth.password }
  return new BackendAccess(createBackendClient({ baseUrl: backend.url, schoolId: backend.schoolId, ...auth }))
}
