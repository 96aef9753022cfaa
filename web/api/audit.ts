import { AuditPage, AuditRetryResult, ServerLogPage, type AuditRetryRequest } from '../../shared/api'
import type { ApiClient } from './client'
import type { Query } from './query'

/** `GET /api/audit`: one page of the audit trail, filtered. */
export function auditPage(api: ApiClient, query: Query, signal?: AbortSignal): Promise<AuditPage> {
  return api.request('GET', '/api/audit', { schema: AuditPage, query, ...(signal ? { signal } : {}) })
}

/** `POST /api/audit/:id/retry`: repeats the entry's action, if the confirmed action and target are its own. */
export function retryAuditEntry(
  api: ApiClient,
  id: number,
  body: AuditRetryRequest,
): Promise<AuditRetryResult> {
  return api.request('POST', `/api/audit/${id}/retry`, { schema: AuditRetryResult, body })
}

/** `GET /api/provisioning-logs`: one page of the school server's provisioning log. */
export function provisioningLogs(api: ApiClient, query: Query): Promise<ServerLogPage> {
  return api.request('GET', '/api/provisioning-logs', { schema: ServerLogPage, query })
}
