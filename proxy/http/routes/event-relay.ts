import { Hono } from 'hono'
import {
  RelayModeBody,
  type RelayModeResult,
  type RelaySearchResult,
  type RelayView,
} from '../../../shared/api/event-relay'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/**
 * The attendance relay on the Check page: what each terminal sent and what still waits (everyone); for
 * admins the switch between posting to the school server directly and through the proxy (it rewrites
 * every device's webhook), a search of the terminals' own logs now (it may rewrite a lost webhook), and
 * refused events sent again.
 */
export function eventRelayRoutes(ctx: AppContext): Hono<AppEnv> {
  const { eventRelay } = ctx.services
  return new Hono<AppEnv>()
    .get('/events/relay', (c) => c.json<RelayView>(eventRelay.view()))
    .put('/events/relay/mode', requireRole('admin'), async (c) => {
      const { mode } = await readJson(c, RelayModeBody)
      const devices = await eventRelay.setMode(mode)
      ctx.logger.info({ mode, devices: devices.length }, 'event relay mode switched')
      return c.json<RelayModeResult>({ mode, devices })
    })
    .post('/events/relay/search', requireRole('admin'), async (c) =>
      c.json<RelaySearchResult>(await eventRelay.sweep()),
    )
    .post('/events/relay/retry', requireRole('admin'), (c) =>
      c.json<{ requeued: number }>({ requeued: eventRelay.retryRefused() }),
    )
}
