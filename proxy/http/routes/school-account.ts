import { Hono } from 'hono'
import { SchoolAccountSignIn, type SchoolAccountView } from '../../../shared/api/school-account'
import { screenOf, type AppContext, type AppEnv } from '../context'
import { readJson } from '../validate'

/** The calling screen's own school-server account: every paired screen may sign itself in and out. */
export function schoolAccountRoutes(ctx: AppContext): Hono<AppEnv> {
  const { schoolAccounts } = ctx.services
  return new Hono<AppEnv>()
    .get('/school-account', (c) => c.json<SchoolAccountView>(schoolAccounts.view(screenOf(c.get('caller')))))
    .post('/school-account/sign-in', async (c) => {
      const { email, password } = await readJson(c, SchoolAccountSignIn)
      const view = await schoolAccounts.signIn(screenOf(c.get('caller')), email, password)
      ctx.logger.info(
        { screen: c.get('caller').name, role: view.account?.role },
        'screen signed in to the school server',
      )
      return c.json<SchoolAccountView>(view)
    })
    .post('/school-account/sign-out', (c) =>
      c.json<SchoolAccountView>(schoolAccounts.signOut(screenOf(c.get('caller')))),
    )
}
