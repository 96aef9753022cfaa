import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { AppError } from '../../../shared/errors'
import type { AppEnv } from '../context'
import type { ByteBudget } from '../../net/byte-budget'
import { IMAGE_BODY_LIMIT, JSON_BODY_LIMIT, imageBodyLimit } from './body-limit'

const RETRY_AFTER_SEC = 5

export function bodiesInFlight(budget: ByteBudget): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bytes = declaredBytes(
      c.req.header('content-length'),
      c.req.header('transfer-encoding') !== undefined,
      matchedRoutes(c).some((route) => route.handler === imageBodyLimit),
    )
    if (bytes === 0) return next()
    const waited = AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(budget.maxWaitMs)])
    const release = await budget.reserve(bytes, waited)
    if (!release) {
      throw new AppError('busy', 'The proxy is receiving many uploads at once; send this again shortly', {
        retryAfterSec: RETRY_AFTER_SEC,
      })
    }
    try {
      await next()
    } finally {
      release()
    }
  }
}

function declaredBytes(length: string | undefined, chunked: boolean, takesImages: boolean): number {
  const routeLimit = takesImages ? IMAGE_BODY_LIMIT : JSON_BODY_LIMIT
  if (chunked) return routeLimit
  const declared = Number(length ?? 0)
  // over the limit: body-limit refuses it unread, so it holds nothing
  return Number.isFinite(declared) && declared > 0 && declared <= routeLimit ? declared : 0
}
