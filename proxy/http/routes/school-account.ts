import * as routes from '../../../shared/api/routes/school-account'
import { screenOf, type AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** The calling screen's own school-server account: every paired screen may sign itself in and out. */
export function schoolAccountRoutes(ctx: AppContext) {
  const { schoolAccounts } = ctx.services
  return routeGroup(
    handle(routes.readSchoolAccount, (c) => schoolAccounts.view(screenOf(c.get('caller')))),
    handle(routes.signInToSchool, async (c, input) => {
      const { email, password } = await input.body()
      const view = await schoolAccounts.signIn(screenOf(c.get('caller')), email, password)
      ctx.logger.info(
        { screen: c.get('caller').name, role: view.account?.role },
        'screen signed in to the school server',
      )
      return view
    }),
    handle(routes.signOutOfSchool, (c) => schoolAccounts.signOut(screenOf(c.get('caller')))),
  )
}
