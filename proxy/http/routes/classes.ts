import * as routes from '../../../shared/api/routes/classes'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** The school's classes, kept for offline use (`stale: true` and `X-Stale: 1` when kept), and a new one (admin). */
export function classRoutes(ctx: AppContext) {
  const { classes } = ctx.services.students
  return routeGroup(
    handle(routes.listClasses, async (c) => {
      const answer = await classes.list()
      if (answer.stale) c.header('x-stale', '1')
      return answer.classes
    }),
    handle(routes.createClass, async (_c, input) => {
      const created = await classes.create(await input.body())
      ctx.logger.info({ classId: created.id }, 'class created on the school server')
      return created
    }),
  )
}
