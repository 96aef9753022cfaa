import type { TokenInfo } from '../../../shared/api/pairing'
import * as routes from '../../../shared/api/routes/tokens'
import { AppError } from '../../../shared/errors'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** The admin's list of paired screens: rename one, or revoke a lost tablet's token. */
export function tokenRoutes(ctx: AppContext) {
  const { tokens } = ctx.services
  const found = (id: string): TokenInfo => {
    const info = tokens.get(id)
    if (!info) throw new AppError('not_found', `No paired screen with id ${id}`)
    return info
  }
  return routeGroup(
    handle(routes.listTokens, () => tokens.list()),
    handle(routes.renameToken, async (_c, input) => {
      const id = found(input.params.id).id
      const { name } = await input.body()
      return tokens.rename(id, name) as TokenInfo
    }),
    handle(routes.revokeToken, (_c, { params }) => {
      const id = found(params.id).id
      if (tokens.isLastAdmin(id)) {
        throw new AppError(
          'conflict',
          'This is the last admin screen: pair another admin screen first, then unpair this one',
          { details: { reason: 'last_admin' } },
        )
      }
      tokens.revoke(id)
      ctx.logger.info({ tokenId: id }, 'token revoked')
    }),
  )
}
