import { Hono } from 'hono'
import type { AppContext, AppEnv } from './context'
import { bodiesInFlight } from './middleware/bodies-in-flight'
import { defaultBodyLimit } from './middleware/body-limit'
import { corsPolicy } from './middleware/cors'
import { errorHandler } from './middleware/error-handler'
import { notFound } from './middleware/not-found'
import { requestId } from './middleware/request-id'
import { requestLog } from './middleware/request-log'
import { securityHeaders } from './middleware/security-headers'

/**
 * A Hono app with what every request goes through before anyone is asked who they are: errors and 404s in
 * the contract's shape, a request id, the log line, security headers, and under /api the CORS policy and
 * the limits on request bodies. Both the health check served at start (app.ts) and the whole API (api.ts)
 * are built on it, so a request meets the same front door either way.
 */
export function withFrontDoor(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.onError(errorHandler(ctx.logger))
  app.notFound(notFound)
  app.use(requestId())
  app.use(requestLog(ctx.logger))
  app.use(securityHeaders())
  app.use('/api/*', corsPolicy(ctx.config.allowedOrigins))
  app.use('/api/*', bodiesInFlight(ctx.services.bodyBudget))
  app.use('/api/*', defaultBodyLimit)
  return app
}
