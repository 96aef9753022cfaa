import type { TokenStore } from './auth'
import type { BackendState } from './state'

export interface SimContext {
  state: BackendState
  tokens: TokenStore
}
