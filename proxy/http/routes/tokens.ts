import { Hono } from 'hono'
import { TokenPatch, type TokenInfo } from '../../../shared/api/pairing'
import { AppError } from '../../../shared/errors'
import { requireRole } from '../middleware/auth'
import type { AppContext, AppEnv } from '../context'
import { readJson } from '../validate'

/** The admin's list of paired screens: rename one, or revoke a lost tablet's token. */
export function tokenRoutes(ctx: AppContext): Hono<AppEnv> {
  const { tokens } = ctx.services
  const found = (id: string): TokenInfo => {
    const info = tokens.get(id)
    if (!info) throw new AppError('not_found', `No paired screen with id ${id}`)
    return info
  }
  return new Hono<AppEnv>()
    .use('/tokens', requireRole('admin'))
    .use('/tokens/*', requireRole('admin'))
    .get('/tokens', (c) => c.json<TokenInfo[]>(tokens.list()))
    .patch('/tokens/:id', async (c) => {
      const id = found(c.req.param('id')).id
      const { name } = await readJson(c, TokenPatch)
      return c.json<TokenInfo>(tokens.rename(id, name) as TokenInfo)
    })
    .delete('/tokens/:id', (c) => {
      const id = found(c.req.param('id')).id
      if (tokens.isLastAdmin(id)) {
        throw new AppError(
          'conflict',
          'This is the last admin screen: pair another admin screen first, then unpair this one',
          { details: { reason: 'last_admin' } },
        )
      }
      tokens.revoke(id)
      ctx.logger.info({ tokenId: id }, 'token revoked')
      return c.body(null, 204)
    })
}
