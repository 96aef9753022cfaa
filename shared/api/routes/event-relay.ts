import { RelayModeBody, RelayModeResult, RelaySearchResult, RelayView } from '../event-relay'
import type { RouteDeclaration } from './route'

export const readEventRelay = {
  method: 'GET',
  path: '/api/events/relay',
  access: 'token',
  what: 'the attendance relay: per terminal the last event, what waits, what the school server refused; events per hour today',
  status: 200,
  answer: RelayView,
} as const satisfies RouteDeclaration

export const setEventRelayMode = {
  method: 'PUT',
  path: '/api/events/relay/mode',
  access: 'admin',
  what: "terminals post to the school server directly or through the proxy; writes every device's webhook for it",
  status: 200,
  body: RelayModeBody,
  answer: RelayModeResult,
  audit: 'events.relay.mode',
} as const satisfies RouteDeclaration

export const searchEventRelay = {
  method: 'POST',
  path: '/api/events/relay/search',
  access: 'admin',
  what: "read every terminal's own event log (AcsEvent) now for events push missed; in relay mode a lost webhook is written again",
  status: 200,
  answer: RelaySearchResult,
  audit: 'events.relay.search',
} as const satisfies RouteDeclaration

export const retryEventRelay = {
  method: 'POST',
  path: '/api/events/relay/retry',
  access: 'admin',
  what: 'events the school server refused go back in line, and a wait after failed attempts ends: the relay sends now',
  status: 200,
  format: '`{"requeued": n}`',
  audit: 'events.relay.retry',
} as const satisfies RouteDeclaration

/** The event-relay routes, in the order the API doc lists them. */
export const eventRelayGroup = [readEventRelay, setEventRelayMode, searchEventRelay, retryEventRelay] as const
