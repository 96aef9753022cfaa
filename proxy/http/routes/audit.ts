import { Hono } from 'hono'
import {
  AuditQuery,
  AuditRetryRequest,
  ServerLogQuery,
  type AuditPage,
  type AuditRetryResult,
  type ServerLogPage,
} from '../../../shared/api/audit'
import { auditCsvHeader, auditCsvLine } from '../../domain/audit/csv'
import { retryEntry } from '../../domain/audit/retry'
import { serverLogs } from '../../domain/audit/server-logs'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

const CSV_LINES_PER_CHUNK = 500

/** The audit trail (read, export, retry a failed action) and the school server's provisioning logs: admins. */
export function auditRoutes(ctx: AppContext): Hono<AppEnv> {
  const { audit } = ctx.services
  return new Hono<AppEnv>()
    .use('/audit', requireRole('admin'))
    .use('/audit/*', requireRole('admin'))
    .use('/provisioning-logs', requireRole('admin'))
    .get('/audit', (c) => c.json<AuditPage>(audit.log.list(AuditQuery.parse(c.req.query()))))
    .get('/audit/export.csv', (c) => {
      const { page: _page, limit: _limit, ...filters } = AuditQuery.parse(c.req.query())
      const entries = audit.log.entries(filters)
      const encoder = new TextEncoder()
      let header = true
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          let chunk = header ? auditCsvHeader() : ''
          header = false
          for (let n = 0; n < CSV_LINES_PER_CHUNK; n += 1) {
            const next = entries.next()
            if (next.done) {
              if (chunk) controller.enqueue(encoder.encode(chunk))
              controller.close()
              return
            }
            chunk += auditCsvLine(next.value)
          }
          controller.enqueue(encoder.encode(chunk))
        },
      })
      const day = new Date().toISOString().slice(0, 10)
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-${day}.csv"`,
      })
    })
    .post('/audit/:id/retry', async (c) => {
      const id = Number(c.req.param('id'))
      const record = Number.isInteger(id) ? audit.log.get(id) : undefined
      const { confirm } = await readJson(c, AuditRetryRequest)
      const result = await retryEntry(record, id, audit.retries, { caller: c.get('caller'), confirm })
      return c.json<AuditRetryResult>({ retryOf: id, action: record?.action ?? '', result })
    })
    .get('/provisioning-logs', async (c) =>
      c.json<ServerLogPage>(await serverLogs(audit.serverLogs, ServerLogQuery.parse(c.req.query()))),
    )
}
