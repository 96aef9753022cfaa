import { streamSSE } from 'hono/streaming'
import * as routes from '../../../shared/api/routes/device-status'
import { STATUS_DONE_EVENT, STATUS_EVENT } from '../../../shared/api/status'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'
import { isRefresh } from '../refresh-query'

/**
 * Device health for the phone check. `?refresh=1` skips the 10-second cache (pull to refresh). An
 * unreachable device is `online:false` in a 200 answer; only an unknown id is an error. The stream sends
 * each device's report as Server-Sent Events the moment it is ready (`event: status`), then `event: done`.
 */
export function deviceStatusRoutes(ctx: AppContext) {
  const { status } = ctx.services.checks
  return routeGroup(
    handle(routes.listDeviceStatus, (c) => status.all({ refresh: isRefresh(c.req.query('refresh')) })),
    handle(routes.streamDeviceStatus, (c) => {
      const opts = { refresh: isRefresh(c.req.query('refresh')) }
      return streamSSE(c, async (stream) => {
        const closed = new AbortController()
        stream.onAbort(() => closed.abort())
        for await (const report of status.each(opts, closed.signal)) {
          await stream.writeSSE({ event: STATUS_EVENT, data: JSON.stringify(report) })
        }
        if (!closed.signal.aborted) await stream.writeSSE({ event: STATUS_DONE_EVENT, data: '{}' })
      })
    }),
    handle(routes.readDeviceStatus, (c, { params }) =>
      status.one(params.id, { refresh: isRefresh(c.req.query('refresh')) }),
    ),
  )
}
