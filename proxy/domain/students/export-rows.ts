import type { DeviceDiagnostics } from '../../../shared/api/backend'
import type { ExportDeviceState, StudentExportQuery } from '../../../shared/api/student-export'
import type { BackendAccess } from './backend-access'

export interface ExportDevice {
  id: string
  name: string
}

export interface ExportStudent {
  lastName: string
  firstName: string
  fatherName: string
  className: string
  employeeNo: string
  hasPhoto: boolean
  /** by ExportDevice id; a device the student has no row for is `missing` */
  devices: Map<string, { state: ExportDeviceState; lastError: string | null }>
}

export interface ExportTable {
  devices: ExportDevice[]
  students: ExportStudent[]
}

/**
 * Every student matching the class and search, with their state on each school device, read from all of
 * the backend's device-diagnostics pages (50 a page, its fixed size). A device appears as a column once,
 * in the order the server lists it.
 */
export async function exportTable(
  backend: BackendAccess,
  query: Pick<StudentExportQuery, 'classId' | 'search'>,
): Promise<ExportTable> {
  const client = backend.require()
  const devices = new Map<string, ExportDevice>()
  const students: ExportStudent[] = []
  for (let page = 1, pages = 1; page <= pages; page += 1) {
    const answer = await client.deviceDiagnostics({
      page,
      classId: query.classId || undefined,
      search: query.search || undefined,
    })
    pages = answer.pages
    if (answer.data.length === 0) break
    for (const device of answer.devices) {
      if (!devices.has(device.id)) devices.set(device.id, { id: device.id, name: device.name })
    }
    for (const row of answer.data) students.push(toStudent(row, devices))
  }
  return { devices: [...devices.values()], students }
}

type DiagnosticRow = DeviceDiagnostics['data'][number]

function toStudent(row: DiagnosticRow, devices: Map<string, ExportDevice>): ExportStudent {
  const states = new Map<string, { state: ExportDeviceState; lastError: string | null }>()
  for (const link of row.devices) {
    if (!devices.has(link.deviceId)) {
      devices.set(link.deviceId, { id: link.deviceId, name: link.deviceName ?? link.deviceId })
    }
    states.set(link.deviceId, { state: stateOf(link.status), lastError: link.lastError })
  }
  return {
    lastName: row.lastName ?? '',
    firstName: row.firstName ?? '',
    fatherName: row.fatherName ?? '',
    className: row.className ?? '',
    employeeNo: row.deviceStudentId ?? '',
    hasPhoto: row.photoUrl !== null,
    devices: states,
  }
}

/** SUCCESS is on the device; MISSING and PENDING are not there (yet); FAILED was refused. */
export function stateOf(status: DiagnosticRow['devices'][number]['status']): ExportDeviceState {
  if (status === 'SUCCESS') return 'present'
  if (status === 'FAILED') return 'failed'
  return 'missing'
}
