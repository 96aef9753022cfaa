import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { ROUTES, routeKey } from '../../../shared/api/routes'
import { AppError } from '../../../shared/errors'
import { secretHash } from '../../store/secret-hash'
import type { AppContext, AppEnv, Caller } from '../context'

/**
 * The only /api routes a stranger may call, as declared (a liveness probe and trading a pairing code for a
 * token); a public GET answers HEAD too.
 */
const PUBLIC_ROUTES = new Set(
  ROUTES.filter((route) => route.access === 'public').flatMap((route) =>
    route.method === 'GET' ? [routeKey(route), `HEAD ${route.path}`] : [routeKey(route)],
  ),
)

/**
 * Every other /api route needs `Authorization: Bearer <token>`: SR_ADMIN_TOKEN (admin), or a paired
 * screen's token that has not been revoked. The caller is put on the context as `caller`.
 */
export function bearerAuth(ctx: AppContext): MiddlewareHandler<AppEnv> {
  const adminDigest = ctx.config.adminToken ? Buffer.from(secretHash(ctx.config.adminToken), 'hex') : null
  return async (c, next) => {
    if (PUBLIC_ROUTES.has(`${c.req.method} ${c.req.path}`)) return next()
    const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (!token) {
      throw new AppError('unauthorized', 'This screen is not paired: send Authorization: Bearer <token>')
    }
    const caller = identify(token, adminDigest, ctx)
    if (!caller)
      throw new AppError('unauthorized', 'This token is unknown or was revoked; pair the screen again')
    c.set('caller', caller)
    await next()
  }
}

function identify(token: string, adminDigest: Buffer | null, ctx: AppContext): Caller | undefined {
  if (adminDigest && timingSafeEqual(Buffer.from(secretHash(token), 'hex'), adminDigest)) {
    return { tokenId: null, name: 'SR_ADMIN_TOKEN', role: 'admin' }
  }
  const info = ctx.services.tokens.authenticate(token)
  if (!info) return undefined
  const claimed = ctx.services.tokens.nameClaimed(info.id)
  return { tokenId: info.id, name: info.name, role: info.role, ...(claimed ? { nameClaimed: true } : {}) }
}
