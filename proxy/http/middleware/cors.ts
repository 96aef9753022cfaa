import type { Context, MiddlewareHandler } from 'hono'
import { cors as honoCors } from 'hono/cors'
import type { AppEnv } from '../context'

/**
 * The app is served by the proxy itself, so its calls are same-origin and need no CORS. Only the proxy's
 * own origin and SR_ALLOWED_ORIGINS (a dev server, a school admin page) are answered; any other Origin
 * gets no Access-Control-Allow-Origin, and the browser keeps the response from that page.
 */
export function corsPolicy(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins)
  return honoCors({
    origin: (origin, c) => (isAllowedOrigin(origin, c, allowed) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  })
}

export function isAllowedOrigin(origin: string, c: Context, allowed: ReadonlySet<string>): boolean {
  if (!origin) return false
  return allowed.has(origin) || origin === new URL(c.req.url).origin
}
