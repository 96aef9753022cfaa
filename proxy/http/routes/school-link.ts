import { Hono } from 'hono'
import type { Device } from '../../../shared/api/devices'
import { SchoolLinkRequest, type SchoolLinkView } from '../../../shared/api/school-link'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/** Which school-server device a terminal is: admins pick it or create it there. */
export function schoolLinkRoutes(ctx: AppContext): Hono<AppEnv> {
  const { schoolLink } = ctx.services
  return new Hono<AppEnv>()
    .get('/devices/:id/school-link', requireRole('admin'), async (c) =>
      c.json<SchoolLinkView>(await schoolLink.view(c.req.param('id'))),
    )
    .post('/devices/:id/school-link', requireRole('admin'), async (c) => {
      const device = await schoolLink.link(c.req.param('id'), await readJson(c, SchoolLinkRequest))
      ctx.logger.info(
        { deviceId: device.id, backendId: device.backendId },
        'device linked to the school server',
      )
      return c.json<Device>(device)
    })
}
