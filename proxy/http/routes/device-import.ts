import { Hono } from 'hono'
import {
  DeviceImportCommitRequest,
  DeviceImportPreviewRequest,
  DeviceImportReportRequest,
  type DeviceImportCommitResult,
  type DeviceImportPreview,
  type ImportCandidateList,
} from '../../../shared/api/device-import'
import type { AppContext, AppEnv } from '../context'
import { requireRole } from '../middleware/auth'
import { readJson } from '../validate'

/**
 * Device → school import (admin only: it writes the school database): the people a terminal holds that the
 * school lacks, a preview by the school server, the commit (faces copied into the students' photos), a
 * retry of the failed rows, and the outcome as CSV.
 */
export function deviceImportRoutes(ctx: AppContext): Hono<AppEnv> {
  const { deviceImport } = ctx.services
  const admin = requireRole('admin')
  return new Hono<AppEnv>()
    .get('/devices/:id/import-candidates', admin, async (c) =>
      c.json<ImportCandidateList>(await deviceImport.candidates(c.req.param('id'))),
    )
    .post('/device-import/preview', admin, async (c) => {
      const { deviceId, rows } = await readJson(c, DeviceImportPreviewRequest)
      return c.json<DeviceImportPreview>(await deviceImport.preview(deviceId, rows))
    })
    .post('/device-import/commit', admin, async (c) =>
      c.json<DeviceImportCommitResult>(
        await deviceImport.commit(await readJson(c, DeviceImportCommitRequest)),
      ),
    )
    .post('/device-import/retry', admin, async (c) =>
      c.json<DeviceImportCommitResult>(
        await deviceImport.commit(await readJson(c, DeviceImportCommitRequest)),
      ),
    )
    .post('/device-import/report.csv', admin, async (c) => {
      const { rows } = await readJson(c, DeviceImportReportRequest)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', 'attachment; filename="device-import.csv"')
      return c.body(deviceImport.reportCsv(rows))
    })
}
