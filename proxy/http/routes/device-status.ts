import { Hono } from 'hono'
import type { DeviceStatusList, DeviceStatusReport } from '../../../shared/api/status'
import type { AppContext, AppEnv } from '../context'
import { isRefresh } from '../refresh-query'

/**
 * Device health for the phone check. `?refresh=1` skips the 10-second cache (pull to refresh). An
 * unreachable device is `online:false` in a 200 answer; only an unknown id is an error.
 */
export function deviceStatusRoutes(ctx: AppContext): Hono<AppEnv> {
  const { status } = ctx.services.checks
  return new Hono<AppEnv>()
    .get('/devices/status', async (c) =>
      c.json<DeviceStatusList>(await status.all({ refresh: isRefresh(c.req.query('refresh')) })),
    )
    .get('/devices/:id/status', async (c) =>
      c.json<DeviceStatusReport>(
        await status.one(c.req.param('id'), { refresh: isRefresh(c.req.query('refresh')) }),
      ),
    )
}
