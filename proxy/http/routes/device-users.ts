import { Hono } from 'hono'
import type { DeviceUser, DeviceUsersPage } from '../../../shared/api/devices'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'

/** The people on one device: pages (30 per device search), one person, the face photo, and delete. */
export function deviceUserRoutes(ctx: AppContext): Hono<AppEnv> {
  const { deviceUsers } = ctx.services.domain
  return new Hono<AppEnv>()
    .get('/devices/:id/users', async (c) =>
      c.json<DeviceUsersPage>(await deviceUsers.list(c.req.param('id'), c.req.query())),
    )
    .get('/devices/:id/users/:employeeNo', async (c) =>
      c.json<DeviceUser>(await deviceUsers.get(c.req.param('id'), c.req.param('employeeNo'))),
    )
    .get('/devices/:id/users/:employeeNo/face', async (c) => {
      const jpeg = await deviceUsers.face(c.req.param('id'), c.req.param('employeeNo'))
      return c.body(new Uint8Array(jpeg), 200, {
        'content-type': 'image/jpeg',
        'cache-control': 'private, max-age=60',
      })
    })
    .delete('/devices/:id/users/:employeeNo', requireRole('admin'), async (c) => {
      await deviceUsers.remove(c.req.param('id'), c.req.param('employeeNo'))
      ctx.logger.info(
        { deviceId: c.req.param('id'), employeeNo: c.req.param('employeeNo') },
        'person deleted',
      )
      return c.body(null, 204)
    })
}
