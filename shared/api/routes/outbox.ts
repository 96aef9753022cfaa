import { OutboxFlushResult, OutboxItem, OutboxView } from '../outbox'
import type { RouteDeclaration } from './route'

export const readOutbox = {
  method: 'GET',
  path: '/api/outbox',
  access: 'token',
  what: 'reports to the school server not yet delivered, and the refused ones',
  status: 200,
  answer: OutboxView,
} as const satisfies RouteDeclaration

export const flushOutbox = {
  method: 'POST',
  path: '/api/outbox/flush',
  access: 'token',
  what: 'try delivery now',
  status: 200,
  answer: OutboxFlushResult,
  audit: 'outbox.flush',
} as const satisfies RouteDeclaration

export const retryOutboxItem = {
  method: 'POST',
  path: '/api/outbox/:id/retry',
  access: 'token',
  what: 'send a failed report again',
  status: 200,
  answer: OutboxItem,
  audit: 'outbox.retry',
} as const satisfies RouteDeclaration

/** The outbox routes, in the order the API doc lists them. */
export const outboxGroup = [readOutbox, flushOutbox, retryOutboxItem] as const
