import { Hono } from 'hono'
import type { ClassListItem, ClassListResponse } from '../../../shared/api/backend'
import { ClassCreate } from '../../../shared/api/students'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/** The school's classes, kept for offline use (`stale: true` and `X-Stale: 1` when kept), and a new one (admin). */
export function classRoutes(ctx: AppContext): Hono<AppEnv> {
  const { classes } = ctx.services.students
  return new Hono<AppEnv>()
    .get('/classes', async (c) => {
      const answer = await classes.list()
      if (answer.stale) c.header('x-stale', '1')
      return c.json<ClassListResponse>(answer.classes)
    })
    .post('/classes', requireRole('admin'), async (c) => {
      const created = await classes.create(await readJson(c, ClassCreate))
      ctx.logger.info({ classId: created.id }, 'class created on the school server')
      return c.json<ClassListItem>(created, 201)
    })
}
