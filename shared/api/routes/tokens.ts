import { z } from 'zod'
import { TokenInfo, TokenPatch } from '../pairing'
import type { RouteDeclaration } from './route'

export const listTokens = {
  method: 'GET',
  path: '/api/tokens',
  access: 'admin',
  what: 'paired screens (no token values)',
  status: 200,
  answer: z.array(TokenInfo),
} as const satisfies RouteDeclaration

export const renameToken = {
  method: 'PATCH',
  path: '/api/tokens/:id',
  access: 'admin',
  what: 'rename a paired screen',
  status: 200,
  body: TokenPatch,
  answer: TokenInfo,
  audit: 'token.rename',
} as const satisfies RouteDeclaration

export const revokeToken = {
  method: 'DELETE',
  path: '/api/tokens/:id',
  access: 'admin',
  what: 'revoke a screen (a lost tablet); its open job event streams close at once; the last admin screen is `409 conflict` (pair another admin first)',
  status: 204,
  audit: 'token.revoke',
} as const satisfies RouteDeclaration

/** The tokens routes, in the order the API doc lists them. */
export const tokensGroup = [listTokens, renameToken, revokeToken] as const
