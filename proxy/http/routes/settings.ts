import * as routes from '../../../shared/api/routes/settings'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** The proxy's settings changed from the app (admins); a shorter audit retention takes effect at once. */
export function settingsRoutes(ctx: AppContext) {
  const { audit } = ctx.services
  return routeGroup(
    handle(routes.readSettings, () => audit.settings.get()),
    handle(routes.updateSettings, async (_c, input) => {
      const settings = audit.settings.update(await input.body())
      audit.log.prune()
      ctx.logger.info(settings, 'settings changed')
      return settings
    }),
  )
}
