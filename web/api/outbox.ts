import { OutboxItem, OutboxView } from '../../shared/api'
import type { ApiClient } from './client'
import { segment } from './query'

/** `GET /api/outbox`: the reports to the school server still owed, and the ones it refused. */
export function outboxView(api: ApiClient): Promise<OutboxView> {
  return api.request('GET', '/api/outbox', { schema: OutboxView })
}

/** `POST /api/outbox/:id/retry`: sends a refused report again. */
export function retryReport(api: ApiClient, reportId: string): Promise<OutboxItem> {
  return api.request('POST', `/api/outbox/${segment(reportId)}/retry`, { schema: OutboxItem })
}
