import * as routes from '../../../shared/api/routes/school-link'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** Which school-server device a terminal is: admins pick it or create it there. */
export function schoolLinkRoutes(ctx: AppContext) {
  const { schoolLink } = ctx.services
  return routeGroup(
    handle(routes.readSchoolLink, (_c, { params }) => schoolLink.view(params.id)),
    handle(routes.linkToSchool, async (_c, input) => {
      const device = await schoolLink.link(input.params.id, await input.body())
      ctx.logger.info(
        { deviceId: device.id, backendId: device.backendId },
        'device linked to the school server',
      )
      return device
    }),
  )
}
