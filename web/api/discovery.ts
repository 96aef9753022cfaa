import type { ActivateTerminal, ActivateTerminalResult, DiscoveryResult } from '../../shared/api/discovery'
import { activateTerminal as activate, discover } from '../../shared/api/routes/discovery'
import { callRoute } from './call'
import type { ApiClient } from './client'

/** "Search the network" listens for answers for a few seconds, then asks each terminal found. */
export function searchNetwork(api: ApiClient): Promise<DiscoveryResult> {
  return callRoute(api, discover, {}, { timeoutMs: 45_000 })
}

/** An RSA challenge and an encrypted password: a slow terminal takes several seconds. */
export function activateTerminal(api: ApiClient, body: ActivateTerminal): Promise<ActivateTerminalResult> {
  return callRoute(api, activate, { body }, { timeoutMs: 45_000 })
}
