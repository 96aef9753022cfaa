import * as routes from '../../../shared/api/routes/event-relay'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/**
 * The attendance relay on the Check page: what each terminal sent and what still waits (everyone); for
 * admins the switch between posting to the school server directly and through the proxy (it rewrites
 * every device's webhook), a search of the terminals' own logs now (it may rewrite a lost webhook), and
 * refused events sent again.
 */
export function eventRelayRoutes(ctx: AppContext) {
  const { eventRelay } = ctx.services
  return routeGroup(
    handle(routes.readEventRelay, () => eventRelay.view()),
    handle(routes.setEventRelayMode, async (_c, input) => {
      const { mode } = await input.body()
      const devices = await eventRelay.setMode(mode)
      ctx.logger.info({ mode, devices: devices.length }, 'event relay mode switched')
      return { mode, devices }
    }),
    handle(routes.searchEventRelay, () => eventRelay.sweep()),
    handle(routes.retryEventRelay, (c) => c.json({ requeued: eventRelay.retryRefused() })),
  )
}
