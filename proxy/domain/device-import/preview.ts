import type { ImportRow } from '../../../shared/api/backend'
import type { DeviceImportPreview, DeviceImportRow } from '../../../shared/api/device-import'
import type { DeviceImportDeps } from './deps'

/** A row in the school server's import shape: empty optional fields left out. */
export function toImportRow(row: DeviceImportRow): ImportRow {
  return {
    employeeNo: row.employeeNo,
    firstName: row.firstName,
    lastName: row.lastName,
    classId: row.classId,
    ...(row.fatherName ? { fatherName: row.fatherName } : {}),
    ...(row.gender ? { gender: row.gender } : {}),
    ...(row.parentPhone ? { parentPhone: row.parentPhone } : {}),
  }
}

/** What the school server would do with each row (create, update, or refuse with its reasons). */
export async function previewImport(
  deps: DeviceImportDeps,
  deviceId: string,
  rows: readonly DeviceImportRow[],
): Promise<DeviceImportPreview> {
  deps.registry.get(deviceId)
  const answer = await deps.backend.require().importPreview(rows.map(toImportRow))
  const previewed = rows.map((row, i) => {
    const server = answer.rows[i]
    return {
      employeeNo: row.employeeNo,
      action: server?.action ?? 'INVALID',
      reasons: server ? server.reasons : ['The school server did not answer for this row'],
      existingStudentId: server?.existingStudentId ?? null,
    }
  })
  const count = (action: string) => previewed.filter((row) => row.action === action).length
  return {
    total: rows.length,
    createCount: count('CREATE'),
    updateCount: count('UPDATE'),
    invalidCount: count('INVALID'),
    rows: previewed,
  }
}
