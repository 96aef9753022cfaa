import type { DeviceDiagnostics, StudentDeviceStatus } from '../../../shared/api/backend'
import type { ExportDeviceState, StudentExportQuery } from '../../../shared/api/student-export'
import type { TerminalPresence } from '../../../shared/api/terminal-state'
import type { TerminalBook } from '../terminal-states/terminal-book'
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
 * Every student matching the class and search, with their state on each terminal, the students read from
 * all of the backend's device-diagnostics pages (50 a page, its fixed size). With the terminal book, the
 * columns are the proxy's terminals in their one order and each cell is what the proxy last knew (the
 * server's record only where it knows nothing); without it (or without terminals), the server's devices
 * in its order.
 */
export async function exportTable(
  backend: BackendAccess,
  query: Pick<StudentExportQuery, 'classId' | 'search'>,
  book?: TerminalBook,
): Promise<ExportTable> {
  const table = await serverTable(backend, query)
  // a proxy with no terminal yet has nothing of its own to say: the server's records are all there is
  return book && book.columns().length > 0 ? withTerminals(table, book) : table
}

function withTerminals(
  table: ExportTable & { records: Map<ExportStudent, StudentDeviceStatus[]> },
  book: TerminalBook,
) {
  const numbers = table.students.flatMap((s) => (s.employeeNo ? [s.employeeNo] : []))
  const records = new Map(table.students.map((s) => [s.employeeNo, table.records.get(s) ?? []]))
  const states = book.view(numbers, (no) => records.get(no))
  return {
    devices: book.columns(),
    students: table.students.map((student) => ({
      ...student,
      devices: new Map(
        (states.get(student.employeeNo) ?? []).map((cell) => [
          cell.deviceId,
          { state: EXPORT_STATE[cell.state], lastError: cell.error?.message ?? null },
        ]),
      ),
    })),
  }
}

const EXPORT_STATE: Record<TerminalPresence, ExportDeviceState> = {
  present: 'present',
  no_face: 'no_face',
  absent: 'missing',
  failed: 'failed',
  unknown: 'unknown',
}

async function serverTable(
  backend: BackendAccess,
  query: Pick<StudentExportQuery, 'classId' | 'search'>,
): Promise<ExportTable & { records: Map<ExportStudent, StudentDeviceStatus[]> }> {
  const client = backend.require()
  const devices = new Map<string, ExportDevice>()
  const students: ExportStudent[] = []
  const records = new Map<ExportStudent, StudentDeviceStatus[]>()
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
    for (const row of answer.data) {
      const student = toStudent(row, devices)
      students.push(student)
      records.set(
        student,
        row.devices.map((link) => ({
          backendDeviceId: link.deviceId,
          name: link.deviceName,
          serial: link.deviceExternalId,
          status: link.status,
          lastError: link.lastError,
          updatedAt: link.updatedAt,
        })),
      )
    }
  }
  return { devices: [...devices.values()], students, records }
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
