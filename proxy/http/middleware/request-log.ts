import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../../log'
import type { AppEnv } from '../context'

/**
 * One line per request: method, path, status, duration. The query string is left out because it may
 * carry search terms about students; headers are never logged.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const ms = Math.round((performance.now() - started) * 10) / 10
    const status = c.res.status
    const line = { reqId: c.get('requestId'), method: c.req.method, path: c.req.path, status, ms }
    if (status >= 500) logger.error(line, 'request failed')
    else logger.info(line, 'request')
  }
}
