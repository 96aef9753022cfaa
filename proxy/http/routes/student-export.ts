import { Hono } from 'hono'
import { StudentExportQuery } from '../../../shared/api/student-export'
import type { AppContext, AppEnv } from '../context'

/** The students with their state on each device, as an .xlsx or CSV file to download. */
export function studentExportRoutes(ctx: AppContext): Hono<AppEnv> {
  const { studentExport } = ctx.services
  return new Hono<AppEnv>().get('/students/export', async (c) => {
    const file = await studentExport.file(StudentExportQuery.parse(c.req.query()))
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    })
  })
}
