import { Hono } from 'hono'
import type { HealthResponse } from '../../../shared/api/health'
import type { AppContext, AppEnv } from '../context'

/** Liveness for the app's "proxy reachable?" light; no auth, and nothing secret in it. */
export function healthRoutes(ctx: AppContext): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/health', (c) =>
    c.json<HealthResponse>({
      ok: true,
      version: ctx.version,
      paired: ctx.services.pairing.isPaired(),
      auditPaused: ctx.services.audit.log.health().paused,
      timeZone: ctx.config.timeZone,
    }),
  )
}
