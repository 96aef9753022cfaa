import * as routes from '../../../shared/api/routes/outbox'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/**
 * The backend reports the proxy still owes: what waits, what the backend refused, and "send now". Part of
 * the operator's queue: sending again only delivers what the proxy already owes the backend.
 */
export function outboxRoutes(ctx: AppContext) {
  const { outbox } = ctx.services
  return routeGroup(
    handle(routes.readOutbox, () => outbox.view()),
    handle(routes.flushOutbox, () => outbox.flush()),
    handle(routes.retryOutboxItem, (_c, { params }) => {
      const item = outbox.retry(params.id)
      ctx.logger.info({ reportId: item.id, kind: item.kind }, 'outbox report requeued')
      return item
    }),
  )
}
