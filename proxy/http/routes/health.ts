import * as routes from '../../../shared/api/routes/health'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** Liveness for the app's "proxy reachable?" light; no auth, and nothing secret in it. */
export function healthRoutes(ctx: AppContext) {
  return routeGroup(
    handle(routes.health, () => ({
      ok: true as const,
      version: ctx.version,
      paired: ctx.services.pairing.isPaired(),
      auditPaused: ctx.services.audit.log.health().paused,
      timeZone: ctx.config.timeZone,
    })),
  )
}
