import { Hono } from 'hono'
import type { DeviceClock, TimeSyncResult } from '../../../shared/api/status'
import type { AppContext, AppEnv } from '../context'

/**
 * A device's clock against the proxy's (in SR_TIMEZONE), and setting it. Operators may set it (the Check
 * page's fix): the only time it can write is the proxy's own, so a wrong clock is all it can undo.
 */
export function deviceTimeRoutes(ctx: AppContext): Hono<AppEnv> {
  const { clocks } = ctx.services.checks
  return new Hono<AppEnv>()
    .get('/devices/:id/time', async (c) => c.json<DeviceClock>(await clocks.read(c.req.param('id'))))
    .post('/devices/:id/time/sync', async (c) => {
      const result = await clocks.sync(c.req.param('id'))
      ctx.logger.info(
        {
          deviceId: c.req.param('id'),
          driftSec: result.timeDriftSec,
          previousTimeMode: result.previousTimeMode,
        },
        'device clock set',
      )
      return c.json<TimeSyncResult>(result)
    })
}
