import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import {
  STATUS_DONE_EVENT,
  STATUS_EVENT,
  type DeviceStatusList,
  type DeviceStatusReport,
} from '../../../shared/api/status'
import type { AppContext, AppEnv } from '../context'
import { isRefresh } from '../refresh-query'

/**
 * Device health for the phone check. `?refresh=1` skips the 10-second cache (pull to refresh). An
 * unreachable device is `online:false` in a 200 answer; only an unknown id is an error. The stream sends
 * each device's report as Server-Sent Events the moment it is ready (`event: status`), then `event: done`.
 */
export function deviceStatusRoutes(ctx: AppContext): Hono<AppEnv> {
  const { status } = ctx.services.checks
  return new Hono<AppEnv>()
    .get('/devices/status', async (c) =>
      c.json<DeviceStatusList>(await status.all({ refresh: isRefresh(c.req.query('refresh')) })),
    )
    .get('/devices/status/stream', (c) => {
      const opts = { refresh: isRefresh(c.req.query('refresh')) }
      return streamSSE(c, async (stream) => {
        const closed = new AbortController()
        stream.onAbort(() => closed.abort())
        for await (const report of status.each(opts, closed.signal)) {
          await stream.writeSSE({ event: STATUS_EVENT, data: JSON.stringify(report) })
        }
        if (!closed.signal.aborted) await stream.writeSSE({ event: STATUS_DONE_EVENT, data: '{}' })
      })
    })
    .get('/devices/:id/status', async (c) =>
      c.json<DeviceStatusReport>(
        await status.one(c.req.param('id'), { refresh: isRefresh(c.req.query('refresh')) }),
      ),
    )
}
