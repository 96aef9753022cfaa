import {
  AuditPage,
  AuditQuery,
  AuditRetryRequest,
  AuditRetryResult,
  ServerLogPage,
  ServerLogQuery,
} from '../audit'
import type { RouteDeclaration } from './route'

export const listAudit = {
  method: 'GET',
  path: '/api/audit',
  access: 'admin',
  what: 'the audit trail, newest first: every change with who, when, target, result and before/after (no secrets)',
  status: 200,
  query: AuditQuery,
  answer: AuditPage,
} as const satisfies RouteDeclaration

export const exportAudit = {
  method: 'GET',
  path: '/api/audit/export.csv',
  access: 'admin',
  what: "the audit entries the same filters match, as CSV of codes and UTC times for tools (UTF-8 with BOM); the app writes its own file in the reader's language from `GET /api/audit`",
  status: 200,
  query: AuditQuery,
  format: '`text/csv`',
} as const satisfies RouteDeclaration

export const retryAuditEntry = {
  method: 'POST',
  path: '/api/audit/:id/retry',
  access: 'admin',
  what: 'repeat a failed clock set, event-host write, device test or removal; others → 409 `conflict`; the retry is audited, linked to the entry',
  status: 200,
  body: AuditRetryRequest,
  answer: AuditRetryResult,
  audit: 'audit.retry',
} as const satisfies RouteDeclaration

export const listProvisioningLogs = {
  method: 'GET',
  path: '/api/provisioning-logs',
  access: 'admin',
  what: "the school server's provisioning logs with these filters; `available: false` with a reason when it is not configured, not reachable or refuses",
  status: 200,
  query: ServerLogQuery,
  answer: ServerLogPage,
} as const satisfies RouteDeclaration

/** The audit routes, in the order the API doc lists them. */
export const auditGroup = [listAudit, exportAudit, retryAuditEntry, listProvisioningLogs] as const
