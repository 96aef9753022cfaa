import Database from 'better-sqlite3'
import { join } from 'node:path'
import { AuditEntry, AuditPage } from '../../../shared/api/audit'
import type { RunningProxy } from '../../helpers/proxy-process'

/** The audit trail as the admin reads it through the API, with these filters. */
export async function auditPage(proxy: RunningProxy, query: Record<string, string> = {}): Promise<AuditPage> {
  const response = await proxy.adminFetch(`/api/audit?${new URLSearchParams(query)}`)
  if (response.status !== 200) throw new Error(`GET /api/audit: ${response.status} ${await response.text()}`)
  return AuditPage.parse(await response.json())
}

/** The newest entry of an action (on a target, when given). */
export async function lastEntry(proxy: RunningProxy, action: string, targetId?: string): Promise<AuditEntry> {
  const page = await auditPage(proxy, { action, limit: '200' })
  const entry = page.data.find((item) => targetId === undefined || item.target?.id === targetId)
  if (!entry) throw new Error(`no ${action} entry${targetId ? ` for ${targetId}` : ''}`)
  return AuditEntry.parse(entry)
}

/** Every stored row of the proxy's audit table, every column, as text: what a secret must never be in. */
export function dumpAuditTable(proxy: RunningProxy): string {
  const db = new Database(join(proxy.dataDir, 'proxy.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return JSON.stringify(db.prepare('SELECT * FROM audit_log').all())
  } finally {
    db.close()
  }
}

/** An API call with a JSON body; the answer's status and parsed JSON (null when empty). */
export async function send(
  proxy: RunningProxy,
  method: string,
  path: string,
  body?: unknown,
  token = proxy.adminToken,
): Promise<{ status: number; body: unknown }> {
  const response = await proxy.fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null }
}

/** `POST /api/audit/:id/retry` as the app sends it once a person confirmed the entry's action and target. */
export function retry(
  proxy: RunningProxy,
  entry: Pick<AuditEntry, 'id' | 'action' | 'target'>,
  token = proxy.adminToken,
): Promise<{ status: number; body: unknown }> {
  return send(
    proxy,
    'POST',
    `/api/audit/${entry.id}/retry`,
    { confirm: { action: entry.action, targetId: entry.target?.id ?? null } },
    token,
  )
}
