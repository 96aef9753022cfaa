import type { Config } from '../config'
import type { BackendConnections } from './backend-connections'
import { createBackendClient, type BackendClient } from './client'

/**
 * A school-server client for this configuration, or null in LAN-only mode. The composition root
 * (proxy/services.ts) makes the proxy's one client with it and hands it to every use case: one login, one
 * token refresh and one share of the server's login rate limit, where a client each would sign in apiece.
 */
export function backendClientFor(
  config: Pick<Config, 'backend'>,
  connections?: BackendConnections,
): BackendClient | null {
  const backend = config.backend
  if (!backend) return null
  const auth =
    backend.auth.kind === 'token'
      ? { token: backend.auth.token }
      : { email: backend.auth.email, password: backend.auth.password }
  const pool = connections ? { connections } : {}
  return createBackendClient({ baseUrl: backend.url, schoolId: backend.schoolId, ...auth, ...pool })
}
