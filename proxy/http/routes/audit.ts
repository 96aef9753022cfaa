import * as routes from '../../../shared/api/routes/audit'
import { auditCsvHeader, auditCsvLine } from '../../domain/audit/csv'
import { retryEntry } from '../../domain/audit/retry'
import { serverLogs } from '../../domain/audit/server-logs'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

const CSV_LINES_PER_CHUNK = 500

/** The audit trail (read, export, retry a failed action) and the school server's provisioning logs: admins. */
export function auditRoutes(ctx: AppContext) {
  const { audit } = ctx.services
  return routeGroup(
    handle(routes.listAudit, (_c, input) => audit.log.list(input.query())),
    handle(routes.exportAudit, (c, input) => {
      const { page: _page, limit: _limit, ...filters } = input.query()
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
    }),
    handle(routes.retryAuditEntry, async (c, input) => {
      const id = Number(input.params.id)
      const record = Number.isInteger(id) ? audit.log.get(id) : undefined
      const { confirm } = await input.body()
      const result = await retryEntry(record, id, audit.retries, { caller: c.get('caller'), confirm })
      return { retryOf: id, action: record?.action ?? '', result }
    }),
    handle(routes.listProvisioningLogs, async (_c, input) => serverLogs(audit.serverLogs, input.query())),
  )
}
