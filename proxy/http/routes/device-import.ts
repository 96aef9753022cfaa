import * as routes from '../../../shared/api/routes/device-import'
import type { AppContext } from '../context'
import { handle, routeGroup } from '../declared-routes'

/**
 * Device → school import (admin only: it writes the school database): the people a terminal holds that the
 * school lacks, a preview by the school server, the commit (faces copied into the students' photos), a
 * retry of the failed rows, and the outcome as CSV.
 */
export function deviceImportRoutes(ctx: AppContext) {
  const { deviceImport } = ctx.services
  return routeGroup(
    handle(routes.listImportCandidates, (_c, { params }) => deviceImport.candidates(params.id)),
    handle(routes.previewDeviceImport, async (_c, input) => {
      const { deviceId, rows } = await input.body()
      return deviceImport.preview(deviceId, rows)
    }),
    handle(routes.commitDeviceImport, async (_c, input) => deviceImport.commit(await input.body())),
    handle(routes.retryDeviceImport, async (_c, input) => deviceImport.commit(await input.body())),
    handle(routes.deviceImportReport, async (c, input) => {
      const { rows } = await input.body()
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', 'attachment; filename="device-import.csv"')
      return c.body(deviceImport.reportCsv(rows))
    }),
  )
}
