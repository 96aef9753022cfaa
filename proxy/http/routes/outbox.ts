import { Hono } from 'hono'
import type { OutboxFlushResult, OutboxItem, OutboxView } from '../../../shared/api/outbox'
import type { AppContext, AppEnv } from '../context'

/**
 * The backend reports the proxy still owes: what waits, what the backend refused, and "send now". Part of
 * the operator's queue: sending again only delivers what the proxy already owes the backend.
 */
export function outboxRoutes(ctx: AppContext): Hono<AppEnv> {
  const { outbox } = ctx.services
  return new Hono<AppEnv>()
    .get('/outbox', (c) => c.json<OutboxView>(outbox.view()))
    .post('/outbox/flush', (c) => c.json<OutboxFlushResult>(outbox.flush()))
    .post('/outbox/:id/retry', (c) => {
      const item = outbox.retry(c.req.param('id'))
      ctx.logger.info({ reportId: item.id, kind: item.kind }, 'outbox report requeued')
      return c.json<OutboxItem>(item)
    })
}
