import { TokenInfo } from '../../shared/api'
import type { ApiClient } from './client'
import { segment } from './query'

/** `PATCH /api/tokens/:id` (admin): a paired screen's new name. */
export function renameToken(api: ApiClient, id: string, name: string): Promise<TokenInfo> {
  return api.request('PATCH', `/api/tokens/${segment(id)}`, { schema: TokenInfo, body: { name } })
}
