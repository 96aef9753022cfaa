import { Hono } from 'hono'
import { SettingsUpdate, type Settings } from '../../../shared/api/settings'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/** The proxy's settings changed from the app (admins); a shorter audit retention takes effect at once. */
export function settingsRoutes(ctx: AppContext): Hono<AppEnv> {
  const { audit } = ctx.services
  return new Hono<AppEnv>()
    .use('/settings', requireRole('admin'))
    .get('/settings', (c) => c.json<Settings>(audit.settings.get()))
    .put('/settings', async (c) => {
      const settings = audit.settings.update(await readJson(c, SettingsUpdate))
      audit.log.prune()
      ctx.logger.info(settings, 'settings changed')
      return c.json<Settings>(settings)
    })
}
