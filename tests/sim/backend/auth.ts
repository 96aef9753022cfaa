import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { fail, fastifyError } from './http-io'
import type { BackendState, Role, User } from './state'

interface Issued {
  userId: string
  expiresAt: number | null
}

/**
 * Login tokens. The real server signs JWTs without an expiry; the simulator can expire them (all at once
 * or after a lifetime) so that a client's log-in-again-on-401 path can be tested.
 */
export class TokenStore {
  private readonly issued = new Map<string, Issued>()

  constructor(private readonly lifetimeMs: number | null) {}

  issue(user: User): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const token = [
      part({ alg: 'HS256', typ: 'JWT' }),
      part({ sub: user.id, role: user.role, schoolId: user.schoolId, iat: Math.floor(Date.now() / 1000) }),
      randomBytes(32).toString('base64url'),
    ].join('.')
    const expiresAt = this.lifetimeMs === null ? null : Date.now() + this.lifetimeMs
    this.issued.set(token, { userId: user.id, expiresAt })
    return token
  }

  /** Every token issued so far stops working (as after a server's secret rotation). */
  expireAll(): void {
    for (const issued of this.issued.values()) issued.expiresAt = 0
  }

  lookup(token: string): Issued | 'expired' | null {
    const issued = this.issued.get(token)
    if (!issued) return null
    if (issued.expiresAt !== null && issued.expiresAt <= Date.now()) return 'expired'
    return issued
  }
}

export type Caller = { kind: 'user'; user: User } | { kind: 'provisioning' }

/** The checks a route makes, in the server's words. */
export interface AuthContext {
  /** a logged-in user with one of these roles, in this school (when given) */
  user(roles: readonly Role[], schoolId?: string): User
  /** the provisioning token, or a SCHOOL_ADMIN/TEACHER of this school (`ensureProvisioningAuth`) */
  provisioning(schoolId?: string): Caller
}

export const STAFF: readonly Role[] = ['SCHOOL_ADMIN', 'TEACHER']
export const ADMIN: readonly Role[] = ['SCHOOL_ADMIN']

export function authContext(
  req: IncomingMessage,
  query: URLSearchParams,
  state: BackendState,
  tokens: TokenStore,
  provisioningToken: string,
): AuthContext {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim()

  const user = (roles: readonly Role[], schoolId?: string): User => {
    if (!req.headers.authorization) {
      throw fastifyError(
        401,
        'FST_JWT_NO_AUTHORIZATION_IN_HEADER',
        'No Authorization was found in request.headers',
      )
    }
    const found = bearer ? tokens.lookup(bearer) : null
    if (found === 'expired') {
      throw fastifyError(401, 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED', 'Authorization token expired')
    }
    const account = found ? state.users.get(found.userId) : undefined
    if (!account) {
      throw fastifyError(
        401,
        'FST_JWT_AUTHORIZATION_TOKEN_INVALID',
        'Authorization token is invalid: The token is malformed.',
      )
    }
    if (!roles.includes(account.role)) throw fail(403, 'Forbidden')
    if (schoolId !== undefined && account.schoolId !== schoolId) throw fail(403, 'Forbidden')
    return account
  }

  const provisioning = (schoolId?: string): Caller => {
    const offered =
      (req.headers['x-provisioning-token'] as string | undefined) ?? query.get('provisioningToken') ?? bearer
    if (offered !== undefined && offered === provisioningToken) return { kind: 'provisioning' }
    return { kind: 'user', user: user(STAFF, schoolId) }
  }

  return { user, provisioning }
}
