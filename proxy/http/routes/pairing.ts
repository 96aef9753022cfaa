import { Hono } from 'hono'
import {
  PairRequest,
  PairingCodeRequest,
  type MeResponse,
  type PairingCodeResponse,
} from '../../../shared/api/pairing'
import { AppError } from '../../../shared/errors'
import { requireRole } from '../middleware/auth'
import { clientIp } from '../client-ip'
import type { AppContext, AppEnv } from '../context'
import { lanOrigin } from '../../net/origin'
import { readJson } from '../validate'

/** Pairing a screen: an admin makes a one-time code, the new screen trades it for its own token. */
export function pairingRoutes(ctx: AppContext): Hono<AppEnv> {
  const { pairing, pairingFailures } = ctx.services
  return new Hono<AppEnv>()
    .post('/pair', async (c) => {
      const client = clientIp(c)
      const wait = pairingFailures.retryAfterSec(client)
      if (wait > 0) {
        ctx.logger.warn({ client, retryAfterSec: wait }, 'pairing refused: too many wrong codes')
        throw new AppError('rate_limited', `Too many wrong codes; try again in ${wait} s`, {
          retryAfterSec: wait,
        })
      }
      const request = await readJson(c, PairRequest)
      // People copy codes as "123 456" or "123-456".
      const paired = pairing.pair(request.code.replace(/[\s-]/g, ''), request.name)
      if (!paired) {
        pairingFailures.recordFailure(client)
        throw new AppError('unauthorized', 'This pairing code is wrong, already used or expired', {
          field: 'code',
        })
      }
      ctx.logger.info({ tokenId: paired.tokenId, role: paired.role }, 'screen paired')
      return c.json(paired)
    })
    .post('/pairing-codes', requireRole('admin'), async (c) => {
      const { role } = await readJson(c, PairingCodeRequest)
      const issued = pairing.issueCode(role)
      const body: PairingCodeResponse = {
        code: issued.code,
        expiresAt: issued.expiresAt as string,
        url: `${lanOrigin(c.req.url, ctx.config.host)}/`,
        role,
      }
      return c.json(body, 201)
    })
    .get('/me', (c) => {
      const { tokenId, name, role } = c.get('caller')
      return c.json<MeResponse>({ tokenId, name, role })
    })
}
