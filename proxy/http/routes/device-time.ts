import * as routes from '../../../shared/api/routes/device-time'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/**
 * A device's clock against the proxy's (in SR_TIMEZONE), and setting it. Operators may set it (the Check
 * page's fix): the only time it can write is the proxy's own, so a wrong clock is all it can undo.
 */
export function deviceTimeRoutes(ctx: AppContext) {
  const { clocks } = ctx.services.checks
  return routeGroup(
    handle(routes.readDeviceClock, (_c, { params }) => clocks.read(params.id)),
    handle(routes.syncDeviceClock, async (_c, { params }) => {
      const result = await clocks.sync(params.id)
      ctx.logger.info(
        { deviceId: params.id, driftSec: result.timeDriftSec, previousTimeMode: result.previousTimeMode },
        'device clock set',
      )
      return result
    }),
  )
}
