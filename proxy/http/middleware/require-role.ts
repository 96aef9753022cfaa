import type { MiddlewareHandler } from 'hono'
import type { Role } from '../../../shared/api/pairing'
import { AppError } from '../../../shared/errors'
import type { AppEnv } from '../context'

/** Refuses callers without `role` (admins may do everything) with 403 `forbidden`. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller')
    if (caller.role !== role && caller.role !== 'admin') {
      throw new AppError('forbidden', `Only an ${role} may do this; this screen is paired as ${caller.role}`)
    }
    await next()
  }
}
