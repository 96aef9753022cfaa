import { streamSSE } from 'hono/streaming'
import { JOB_EVENT } from '../../../shared/api/jobs'
import * as routes from '../../../shared/api/routes/jobs'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/**
 * Clone jobs: start (admins), watch, cancel (admins), the report (as codes for the app to word, or as a CSV
 * of codes for tools). Progress streams as Server-Sent
 * Events (`event: job`, the Job as JSON); the stream ends after the job's final state.
 */
export function jobRoutes(ctx: AppContext) {
  const { jobs } = ctx.services
  return routeGroup(
    handle(routes.startJob, async (_c, input) => jobs.create(await input.body())),
    handle(routes.listJobs, () => jobs.list()),
    // the query is checked by the job runner, which also answers it
    handle(routes.checkJobCapacity, (c) => jobs.capacity(c.req.query())),
    handle(routes.readJob, (_c, { params }) => jobs.get(params.id)),
    handle(routes.cancelJob, (_c, { params }) => jobs.cancel(params.id)),
    handle(routes.readJobReport, (_c, { params }) => jobs.reportRows(params.id)),
    handle(routes.downloadJobReport, (c, { params }) => {
      const csv = jobs.report(params.id)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="job-${params.id}.csv"`)
      return c.body(csv)
    }),
    handle(routes.streamJob, (c, { params }) => {
      const id = params.id
      jobs.get(id)
      const tokenId = c.get('caller').tokenId
      return streamSSE(c, async (stream) => {
        const closed = new AbortController()
        stream.onAbort(() => closed.abort())
        // a screen unpaired while it watches is cut off at once, not at its next request
        const stopListening = ctx.services.tokens.onRevoke((revoked) => {
          if (revoked === tokenId) closed.abort()
        })
        closed.signal.addEventListener('abort', stopListening, { once: true })
        let seq = 0
        for await (const job of jobs.updates(id, closed.signal)) {
          if (job === null) await stream.write(': keep-alive\n\n')
          else await stream.writeSSE({ event: JOB_EVENT, id: String(++seq), data: JSON.stringify(job) })
        }
      })
    }),
  )
}
