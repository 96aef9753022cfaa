import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import {
  JOB_EVENT,
  JobCreate,
  type Job,
  type JobCapacityCheck,
  type JobReport,
} from '../../../shared/api/jobs'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/**
 * Clone jobs: start (admins), watch, cancel (admins), the report (as codes for the app to word, or as a CSV
 * of codes for tools). Progress streams as Server-Sent
 * Events (`event: job`, the Job as JSON); the stream ends after the job's final state.
 */
export function jobRoutes(ctx: AppContext): Hono<AppEnv> {
  const { jobs } = ctx.services
  return new Hono<AppEnv>()
    .post('/jobs', requireRole('admin'), async (c) => {
      return c.json<Job>(await jobs.create(await readJson(c, JobCreate)), 202)
    })
    .get('/jobs', (c) => c.json<Job[]>(jobs.list()))
    .get('/jobs/capacity', async (c) => c.json<JobCapacityCheck>(await jobs.capacity(c.req.query())))
    .get('/jobs/:id', (c) => c.json<Job>(jobs.get(c.req.param('id'))))
    .post('/jobs/:id/cancel', requireRole('admin'), (c) => c.json<Job>(jobs.cancel(c.req.param('id'))))
    .get('/jobs/:id/report', (c) => c.json<JobReport>(jobs.reportRows(c.req.param('id'))))
    .get('/jobs/:id/report.csv', (c) => {
      const id = c.req.param('id')
      const csv = jobs.report(id)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="job-${id}.csv"`)
      return c.body(csv)
    })
    .get('/jobs/:id/events', (c) => {
      const id = c.req.param('id')
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
    })
}
