import { ActivateTerminalResult, DiscoveryResult, type ActivateTerminal } from '../../shared/api/discovery'
import type { ApiClient } from './client'

/** "Search the network" listens for answers for a few seconds, then asks each terminal found. */
export function searchNetwork(api: ApiClient): Promise<DiscoveryResult> {
  return api.request('GET', '/api/discovery', { schema: DiscoveryResult, timeoutMs: 45_000 })
}

/** An RSA challenge and an encrypted password: a slow terminal takes several seconds. */
export function activateTerminal(api: ApiClient, body: ActivateTerminal): Promise<ActivateTerminalResult> {
  return api.request('POST', '/api/discovery/activate', {
    schema: ActivateTerminalResult,
    body,
    timeoutMs: 45_000,
  })
}
