import * as routes from '../../../shared/api/routes/device-users'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** The people on one device: pages (30 per device search), one person, the face photo, and delete. */
export function deviceUserRoutes(ctx: AppContext) {
  const { deviceUsers } = ctx.services.domain
  return routeGroup(
    // the query is checked by the domain, which pages the device with it
    handle(routes.listDeviceUsers, (c, { params }) => deviceUsers.list(params.id, c.req.query())),
    handle(routes.readDeviceUser, (_c, { params }) => deviceUsers.get(params.id, params.employeeNo)),
    handle(routes.readDeviceUserFace, async (c, { params }) => {
      const jpeg = await deviceUsers.face(params.id, params.employeeNo)
      return c.body(new Uint8Array(jpeg), 200, {
        'content-type': 'image/jpeg',
        'cache-control': 'private, max-age=60',
      })
    }),
    handle(routes.deleteDeviceUser, async (_c, { params }) => {
      await deviceUsers.remove(params.id, params.employeeNo)
      ctx.logger.info({ deviceId: params.id, employeeNo: params.employeeNo }, 'person deleted')
    }),
  )
}
