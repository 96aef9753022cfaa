import * as routes from '../../../shared/api/routes/live-check'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/**
 * Live check: students × devices read from the devices now, and the fix that writes what is missing.
 * Operators may use both: a fix only writes a student the proxy or the school server says should be there.
 */
export function liveCheckRoutes(ctx: AppContext) {
  const { liveCheck } = ctx.services
  return routeGroup(
    handle(routes.runLiveCheck, async (_c, input) => liveCheck.check(await input.body())),
    handle(routes.fixLiveCheck, async (_c, input) => liveCheck.fix(await input.body())),
  )
}
