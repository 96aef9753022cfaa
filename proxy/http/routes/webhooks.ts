import * as routes from '../../../shared/api/routes/webhooks'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'
import { isRefresh } from '../refresh-query'

/**
 * The backend's webhook URLs (read-only) and writing them into the devices' listening slots. Operators may
 * apply them (the Check page's fix): the URL written is the one the school backend decides, never one the
 * caller sends, so a wrong or missing address is all it can change. The URLs carry the backend's webhook
 * secret: only an admin gets it (middleware/operator-secrets.ts), and the app shows it masked even then.
 * `GET /devices/:id/webhook?refresh=1` asks the backend again, as the status check's refresh does.
 */
export function webhookRoutes(ctx: AppContext) {
  const { directory, webhooks } = ctx.services.checks
  return routeGroup(
    handle(routes.listWebhookUrls, () => directory.current()),
    handle(routes.applyAllWebhooks, async () => {
      const results = await webhooks.applyAll()
      ctx.logger.info(
        { devices: results.length, inSync: results.filter((r) => r.inSync).length },
        'webhooks written to all devices',
      )
      return results
    }),
    handle(routes.readDeviceWebhook, (c, { params }) =>
      webhooks.read(params.id, undefined, { refresh: isRefresh(c.req.query('refresh')) }),
    ),
    handle(routes.applyDeviceWebhook, async (_c, { params }) => {
      const view = await webhooks.apply(params.id)
      ctx.logger.info({ deviceId: params.id, slotId: view.slotId }, 'webhook written to device')
      return view
    }),
  )
}
