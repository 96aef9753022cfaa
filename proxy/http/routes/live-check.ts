import { Hono } from 'hono'
import {
  LiveCheckFixRequest,
  LiveCheckRequest,
  type LiveCheckFixResponse,
  type LiveCheckResponse,
} from '../../../shared/api/live-check'
import type { AppContext, AppEnv } from '../context'
import { readJson } from '../validate'

/**
 * Live check: students × devices read from the devices now, and the fix that writes what is missing.
 * Operators may use both: a fix only writes a student the proxy or the school server says should be there.
 */
export function liveCheckRoutes(ctx: AppContext): Hono<AppEnv> {
  const { liveCheck } = ctx.services
  return new Hono<AppEnv>()
    .post('/live-check', async (c) =>
      c.json<LiveCheckResponse>(await liveCheck.check(await readJson(c, LiveCheckRequest))),
    )
    .post('/live-check/fix', async (c) =>
      c.json<LiveCheckFixResponse>(await liveCheck.fix(await readJson(c, LiveCheckFixRequest))),
    )
}
