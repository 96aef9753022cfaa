import { RelayModeResult, RelaySearchResult, RelayView, type RelayMode } from '../../shared/api/event-relay'
import type { ApiClient } from './client'

/** `GET /api/events/relay`: how the terminals' events reach the school server, and how far it got. */
export function relayView(api: ApiClient): Promise<RelayView> {
  return api.request('GET', '/api/events/relay', { schema: RelayView })
}

export function setRelayMode(api: ApiClient, mode: RelayMode): Promise<RelayModeResult> {
  return api.request('PUT', '/api/events/relay/mode', { schema: RelayModeResult, body: { mode } })
}

/** `POST /api/events/relay/search`: asks the terminals for the events the school server may have missed. */
export function searchMissedEvents(api: ApiClient): Promise<RelaySearchResult> {
  return api.request('POST', '/api/events/relay/search', { schema: RelaySearchResult })
}
