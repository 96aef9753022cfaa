import * as routes from '../../../shared/api/routes/student-export'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/** The students with their state on each device, as an .xlsx or CSV file to download. */
export function studentExportRoutes(ctx: AppContext) {
  const { studentExport } = ctx.services
  return routeGroup(
    handle(routes.exportStudents, async (c, input) => {
      const file = await studentExport.file(input.query())
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'no-store',
      })
    }),
  )
}
