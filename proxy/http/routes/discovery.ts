import * as routes from '../../../shared/api/routes/discovery'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** "Search the network" and the activation of a new terminal: both admin only, like adding a device. */
export function discoveryRoutes(ctx: AppContext) {
  const { discovery } = ctx.services
  return routeGroup(
    handle(routes.discover, () => discovery.search()),
    handle(routes.activateTerminal, async (_c, input) => {
      const terminal = await input.body()
      await discovery.activate(terminal)
      ctx.logger.info({ host: terminal.host, port: terminal.port }, 'terminal activated')
      return { activated: true } as const
    }),
  )
}
