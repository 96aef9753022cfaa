import type { BackendConfig, Config } from '../config'
import { createBackendClient, type BackendClient } from './client'

const clients = new WeakMap<BackendConfig, BackendClient>()

/**
 * The school server's client for this configuration, or null in LAN-only mode. One per configured backend:
 * every use case shares its login, its token refresh and the server's login rate limit, where a client
 * each would sign in once per use case.
 */
export function backendClientFor(config: Pick<Config, 'backend'>): BackendClient | null {
  const backend = config.backend
  if (!backend) return null
  let client = clients.get(backend)
  if (!client) {
    const auth =
      backend.auth.kind === 'token'
        ? { token: backend.auth.token }
        : { email: backend.auth.email, password: backend.auth.password }
    client = createBackendClient({ baseUrl: backend.url, schoolId: backend.schoolId, ...auth })
    clients.set(backend, client)
  }
  return client
}
