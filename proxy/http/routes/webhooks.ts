import { Hono } from 'hono'
import type { DeviceWebhook, WebhookApplyAll, WebhookUrls } from '../../../shared/api/webhooks'
import type { AppContext, AppEnv } from '../context'
import { isRefresh } from '../refresh-query'

/**
 * The backend's webhook URLs (read-only) and writing them into the devices' listening slots. Operators may
 * apply them (the Check page's fix): the URL written is the one the school backend decides, never one the
 * caller sends, so a wrong or missing address is all it can change. The URLs carry the backend's webhook
 * secret: only an admin gets it (middleware/operator-secrets.ts), and the app shows it masked even then.
 * `GET /devices/:id/webhook?refresh=1` asks the backend again, as the status check's refresh does.
 */
export function webhookRoutes(ctx: AppContext): Hono<AppEnv> {
  const { directory, webhooks } = ctx.services.checks
  return new Hono<AppEnv>()
    .get('/webhooks', async (c) => c.json<WebhookUrls>(await directory.current()))
    .post('/webhooks/apply', async (c) => {
      const results = await webhooks.applyAll()
      ctx.logger.info(
        { devices: results.length, inSync: results.filter((r) => r.inSync).length },
        'webhooks written to all devices',
      )
      return c.json<WebhookApplyAll>(results)
    })
    .get('/devices/:id/webhook', async (c) =>
      c.json<DeviceWebhook>(
        await webhooks.read(c.req.param('id'), undefined, { refresh: isRefresh(c.req.query('refresh')) }),
      ),
    )
    .post('/devices/:id/webhook/apply', async (c) => {
      const view = await webhooks.apply(c.req.param('id'))
      ctx.logger.info({ deviceId: c.req.param('id'), slotId: view.slotId }, 'webhook written to device')
      return c.json<DeviceWebhook>(view)
    })
}
