import { Hono } from 'hono'
import {
  ActivateTerminal,
  type ActivateTerminalResult,
  type DiscoveryResult,
} from '../../../shared/api/discovery'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/** "Search the network" and the activation of a new terminal: both admin only, like adding a device. */
export function discoveryRoutes(ctx: AppContext): Hono<AppEnv> {
  const { discovery } = ctx.services
  return new Hono<AppEnv>()
    .get('/discovery', requireRole('admin'), async (c) => c.json<DiscoveryResult>(await discovery.search()))
    .post('/discovery/activate', requireRole('admin'), async (c) => {
      const input = await readJson(c, ActivateTerminal)
      await discovery.activate(input)
      ctx.logger.info({ host: input.host, port: input.port }, 'terminal activated')
      return c.json<ActivateTerminalResult>({ activated: true })
    })
}
