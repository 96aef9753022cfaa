import { Hono } from 'hono'
import { AppError } from '../../../shared/errors'
import { NotAnEvent, readPushedNotification } from '../../isapi/pushed-event'
import type { AppContext, AppEnv } from '../context'
import { limit } from '../middleware/body-limit'
import { errorHandler } from '../middleware/error-handler'

/** A capture is 30–45 KB; a body ten times the largest seen still fits, a 20 MB one does not. */
export const EVENT_BODY_LIMIT = 2 * 1024 * 1024

/**
 * `POST /events/:deviceId?secret=…`: where terminals post their events in relay mode. Terminals cannot send
 * a bearer token, so each has a secret of its own in its URL. The event is in SQLite before the answer,
 * which is quick: the relay to the school server happens later, on its own.
 */
export function eventIntakeRoutes(ctx: AppContext): Hono<AppEnv> {
  const { intake } = ctx.services.eventRelay
  const app = new Hono<AppEnv>()
  app.onError(errorHandler(ctx.logger))
  app.post('/events/:deviceId', async (c, next) => {
    // who and how often before the body is read: a stranger or a flood costs no disk and little time
    const device = intake.authenticate(c.req.param('deviceId'), c.req.query('secret'))
    intake.admit(device.id)
    await next()
  })
  app.post('/events/:deviceId', limit(EVENT_BODY_LIMIT), async (c) => {
    const device = intake.authenticate(c.req.param('deviceId'), c.req.query('secret'))
    let note
    try {
      note = await readPushedNotification({
        contentType: c.req.header('content-type') ?? '',
        body: Buffer.from(await c.req.arrayBuffer()),
      })
    } catch (error) {
      if (!(error instanceof NotAnEvent)) throw error
      throw new AppError('validation_failed', `Not a terminal event: ${error.message}`, {
        field: 'body',
        details: { reason: 'not_an_event' },
      })
    }
    const result = intake.accept(device, note)
    return c.json({ ok: true, result })
  })
  return app
}
