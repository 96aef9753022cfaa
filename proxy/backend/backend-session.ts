import { BACKEND_ROLES_ALLOWED, LoginAnswer, type BackendUser } from '../../shared/api/backend'
import { backendRejected, backendUnavailable, readAnswer, serverMessage } from './backend-errors'
import { httpCall, type BackendHttpOptions } from './backend-http'

export type BackendCredentials = { token: string } | { email: string; password: string }

/**
 * Who the proxy is to the backend: a fixed token (a JWT or the provisioning token), or an account that
 * logs in when first needed and again when the server says the token is no longer good. Concurrent
 * requests share one login.
 */
export class BackendSession {
  private current: string | null
  private loggingIn: Promise<string> | null = null
  private account: BackendUser | null = null

  constructor(
    private readonly http: BackendHttpOptions,
    private readonly credentials: BackendCredentials,
    private readonly schoolId: string,
  ) {
    this.current = 'token' in credentials ? credentials.token : null
  }

  get canLogIn(): boolean {
    return 'email' in this.credentials
  }

  get user(): BackendUser | null {
    return this.account
  }

  async token(signal?: AbortSignal): Promise<string | null> {
    if (this.current !== null || !this.canLogIn) return this.current
    return this.loginShared(signal)
  }

  /**
   * After a 401 with `stale`: logs in again unless another request already did.
   * Returns the token to retry with, or null when there is no way to get a new one.
   */
  async renew(stale: string | null, signal?: AbortSignal): Promise<string | null> {
    if (!this.canLogIn) return null
    if (this.current !== null && this.current !== stale) return this.current
    this.current = null
    return this.loginShared(signal)
  }

  async login(signal?: AbortSignal): Promise<BackendUser> {
    if (!this.canLogIn)
      throw new Error('this backend session uses a fixed token; there is nothing to log in with')
    this.current = null
    await this.loginShared(signal)
    return this.account as BackendUser
  }

  private loginShared(signal?: AbortSignal): Promise<string> {
    this.loggingIn ??= this.logIn(signal).finally(() => {
      this.loggingIn = null
    })
    return this.loggingIn
  }

  private async logIn(signal?: AbortSignal): Promise<string> {
    const { email, password } = this.credentials as { email: string; password: string }
    const answer = await httpCall(this.http, {
      method: 'POST',
      url: '/auth/login',
      body: { email, password },
      signal,
    })
    if (answer.status === 429 || answer.status >= 500) {
      throw backendUnavailable(`The school server could not log in now (HTTP ${answer.status}).`, {
        reason: answer.status === 429 ? 'rate_limited' : 'server_error',
        status: answer.status,
      })
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw backendRejected(serverMessage(answer.json, answer.status), {
        status: answer.status,
        reason: 'login_failed',
      })
    }
    const { token, user } = readAnswer(LoginAnswer, answer, 'the login')
    checkAccount(user, this.schoolId)
    this.account = user
    this.current = token
    return token
  }
}

// A refused account is the proxy's credentials problem, not the request's: status 401 says so to callers.
function checkAccount(user: BackendUser, schoolId: string): void {
  if (!(BACKEND_ROLES_ALLOWED as readonly string[]).includes(user.role)) {
    throw backendRejected(
      `The account ${user.email} is a ${user.role} on the school server; registering students needs a school administrator (SCHOOL_ADMIN) or teacher (TEACHER) account.`,
      { status: 401, reason: 'role_not_allowed', role: user.role },
    )
  }
  if (user.schoolId !== null && user.schoolId !== schoolId) {
    throw backendRejected(
      `The account ${user.email} belongs to another school (${user.schoolId}), not to school ${schoolId}; check SR_SCHOOL_ID.`,
      { status: 401, reason: 'wrong_school' },
    )
  }
}
