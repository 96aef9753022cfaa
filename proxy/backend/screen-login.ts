import type { BackendUser } from '../../shared/api/backend'
import type { BackendConfig } from '../config'
import type { BackendConnections } from './backend-connections'
import { BackendSession } from './backend-session'
import { createBackendClient } from './client'
import type { ReportBackend } from './report-kinds'

const LOGIN_TIMEOUT_MS = 15_000

/** What a screen's own school-server account needs from the server: a login, and a client on its token. */
export interface ScreenLogin {
  /** logs in as that person; refused for a role that may not register students or another school */
  logIn(email: string, password: string, signal?: AbortSignal): Promise<{ token: string; user: BackendUser }>
  /** a client that sends with that person's token and never logs in by itself (a 401 ends the session) */
  clientWith(token: string): ReportBackend
}

export function screenLoginFor(backend: BackendConfig, connections?: BackendConnections): ScreenLogin {
  const pool = connections ? { connections } : {}
  const http = { baseUrl: backend.url.replace(/\/+$/, ''), timeoutMs: LOGIN_TIMEOUT_MS, ...pool }
  return {
    async logIn(email, password, signal) {
      const session = new BackendSession(http, { email, password }, backend.schoolId)
      const user = await session.login(signal)
      const token = await session.token(signal)
      if (!token) throw new Error('the school server gave no token')
      return { token, user }
    },
    clientWith: (token) =>
      createBackendClient({ baseUrl: backend.url, schoolId: backend.schoolId, token, ...pool }),
  }
}
