import * as routes from '../../../shared/api/routes/pairing'
import { AppError } from '../../../shared/errors'
import { clientIp } from '../client-ip'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'
import { lanOrigin } from '../../net/origin'

/** Pairing a screen: an admin makes a one-time code, the new screen trades it for its own token. */
export function pairingRoutes(ctx: AppContext) {
  const { pairing, pairingFailures } = ctx.services
  return routeGroup(
    handle(routes.pair, async (c, input) => {
      const client = clientIp(c)
      const wait = pairingFailures.retryAfterSec(client)
      if (wait > 0) {
        ctx.logger.warn({ client, retryAfterSec: wait }, 'pairing refused: too many wrong codes')
        throw new AppError('rate_limited', `Too many wrong codes; try again in ${wait} s`, {
          retryAfterSec: wait,
        })
      }
      const request = await input.body()
      // People copy codes as "123 456" or "123-456".
      const paired = pairing.pair(request.code.replace(/[\s-]/g, ''), request.name)
      if (!paired) {
        pairingFailures.recordFailure(client)
        throw new AppError('unauthorized', 'This pairing code is wrong, already used or expired', {
          field: 'code',
        })
      }
      ctx.logger.info({ tokenId: paired.tokenId, role: paired.role }, 'screen paired')
      return paired
    }),
    handle(routes.createPairingCode, async (c, input) => {
      const { role } = await input.body()
      const issued = pairing.issueCode(role)
      return {
        code: issued.code,
        expiresAt: issued.expiresAt as string,
        url: `${lanOrigin(c.req.url, ctx.config.host)}/`,
        role,
      }
    }),
    handle(routes.me, (c) => {
      const { tokenId, name, role } = c.get('caller')
      return { tokenId, name, role }
    }),
  )
}
