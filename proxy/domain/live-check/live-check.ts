import type { Device } from '../../../shared/api/devices'
import type {
  LiveCheckCell,
  LiveCheckDevice,
  LiveCheckFixAction,
  LiveCheckFixRequest,
  LiveCheckFixResponse,
  LiveCheckRequest,
  LiveCheckResponse,
  LiveCheckStudent,
  LiveState,
} from '../../../shared/api/live-check'
import { AppError } from '../../../shared/errors'
import type { IsapiClient } from '../../isapi'
import type { Logger } from '../../log'
import type { RegistrationsRepo } from '../../store/registrations-repo'
import type { StoredPresence } from '../../store/terminal-states-repo'
import type { TerminalBook } from '../terminal-states/terminal-book'
import type { DeviceClients } from '../device-clients'
import type { DeviceRegistry } from '../device-registry'
import { fullName } from '../registration/person'
import type { StudentDirectory } from '../students/student-directory'
import type { StudentPhotos } from '../students/student-photos'
import { scanDevice, type DeviceScan } from './device-scan'
import { fixSource } from './fix-source'
import { fixOnDevice } from './fix-device'
import { ClassRosters, type RosterStudent } from './roster'

export interface LiveCheckDeps {
  registry: DeviceRegistry
  clients: DeviceClients
  registrations: RegistrationsRepo
  directory: StudentDirectory
  photos: StudentPhotos
  logger: Logger
  now?: () => Date
  /** what each check and fix saw, remembered per (student, terminal) */
  book?: Pick<TerminalBook, 'note'>
}

/**
 * Whether students are really on the doors: each device is asked directly (no cached state), many numbers
 * per search, all devices at once. A fix writes only what a device is missing of a student who should be
 * there, then asks again.
 */
export class LiveCheck {
  private readonly rosters: ClassRosters
  private readonly now: () => Date

  constructor(private readonly deps: LiveCheckDeps) {
    this.now = deps.now ?? (() => new Date())
    this.rosters = new ClassRosters(deps.directory, deps.registrations, () => this.now().getTime())
  }

  async check(request: LiveCheckRequest): Promise<LiveCheckResponse> {
    const devices = this.devicesOf(request.deviceIds)
    const { students, total, offset, source } = await this.studentsOf(request)
    const numbers = enrolledNumbers(students)
    const scans = await this.scanAll(devices, numbers)
    this.remember('live-check', numbers, scans)
    return {
      students: students.map((student) => row(student, devices, scans)),
      devices: deviceSummaries(devices, scans),
      total,
      offset,
      source,
    }
  }

  async fix(request: LiveCheckFixRequest): Promise<LiveCheckFixResponse> {
    const devices = this.devicesOf(request.deviceIds)
    const { employeeNo } = request
    const source = await fixSource(
      this.deps,
      employeeNo,
      request.studentId ?? this.rosters.find(employeeNo)?.studentId,
    )
    const before = await this.scanAll(devices, [employeeNo])
    let face: Promise<Buffer> | undefined
    const faceOnce = () => (face ??= source.face())
    const actions = await Promise.all(
      devices.map((device): Promise<LiveCheckFixAction> =>
        fixOnDevice({
          deviceId: device.id,
          client: () => this.deps.clients.get(device.id),
          state: cellOf(before.get(device.id), employeeNo).state,
          person: { employeeNo, name: source.name, ...(source.gender ? { gender: source.gender } : {}) },
          ...(source.studentId ? { studentId: source.studentId } : {}),
          face: faceOnce,
        }),
      ),
    )
    this.rememberWritten(employeeNo, actions)
    const after = await this.scanAll(devices, [employeeNo])
    this.remember('fix', [employeeNo], after)
    this.deps.logger.info(
      { employeeNo, wrote: actions.filter((a) => a.wrote !== 'none' && !a.error).map((a) => a.deviceId) },
      'live check fix',
    )
    const student = {
      employeeNo,
      name: source.name,
      ...(source.studentId ? { studentId: source.studentId } : {}),
    }
    return { student: row(student, devices, after), devices: deviceSummaries(devices, after), actions }
  }

  private devicesOf(deviceIds: string[] | undefined): Device[] {
    if (!deviceIds) return this.deps.registry.list()
    return [...new Set(deviceIds)].map((id) => {
      try {
        return this.deps.registry.get(id)
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') {
          throw new AppError('not_found', `No device with id ${id}`, { field: 'deviceIds' })
        }
        throw error
      }
    })
  }

  private async studentsOf(request: LiveCheckRequest) {
    if (request.employeeNos) {
      const numbers = [...new Set(request.employeeNos)]
      return {
        students: numbers.map((employeeNo) => this.known(employeeNo)),
        total: numbers.length,
        offset: 0,
        source: 'request' as const,
      }
    }
    const offset = request.offset ?? 0
    const roster = await this.rosters.of(request.classId as string, offset === 0)
    const end = request.limit === undefined ? undefined : offset + request.limit
    return {
      students: roster.students.slice(offset, end),
      total: roster.students.length,
      offset,
      source: roster.source,
    }
  }

  /** A student asked for by number: named from this proxy's registration, or a recent class list. */
  private known(employeeNo: string): RosterStudent {
    const registered = this.deps.registrations.get(employeeNo)
    const listed = this.rosters.find(employeeNo)
    const studentId = listed?.studentId ?? registered?.student.backendStudentId
    return {
      employeeNo,
      name: registered ? fullName(registered.student) : (listed?.name ?? ''),
      ...(studentId ? { studentId } : {}),
    }
  }

  private async scanAll(devices: Device[], employeeNos: string[]): Promise<Map<string, DeviceScan>> {
    const client = (id: string) => (): IsapiClient => this.deps.clients.get(id)
    const scans = await Promise.all(
      devices.map(async (device) => [device.id, await scanDevice(client(device.id), employeeNos)] as const),
    )
    return new Map(scans)
  }

  /** What the devices that answered said of each number; a device that did not answer teaches nothing. */
  private remember(source: 'live-check' | 'fix', employeeNos: string[], scans: Map<string, DeviceScan>) {
    const sightings = [...scans].flatMap(([deviceId, scan]) =>
      scan.ok
        ? employeeNos.map((employeeNo) => ({
            employeeNo,
            deviceId,
            state: presenceOf(scan.states.get(employeeNo)),
            name: scan.names.get(employeeNo) ?? null,
          }))
        : [],
    )
    this.deps.book?.note(source, sightings)
  }

  /** A fixed student of this proxy's registrations is now on that device too. */
  private rememberWritten(employeeNo: string, actions: LiveCheckFixAction[]): void {
    const registered = this.deps.registrations.get(employeeNo)
    if (!registered) return
    const written = actions.filter((a) => a.wrote !== 'none' && !a.error).map((a) => a.deviceId)
    if (written.length === 0) return
    const all = [...new Set([...registered.deviceIds, ...written])]
    this.deps.registrations.setDevices(employeeNo, all, this.now().toISOString())
  }
}

/** A device that answered knows PRESENT, NO_FACE or ABSENT of every number asked. */
function presenceOf(state: LiveState | undefined): StoredPresence {
  return state === 'PRESENT' ? 'present' : state === 'NO_FACE' ? 'no_face' : 'absent'
}

function enrolledNumbers(students: RosterStudent[]): string[] {
  return [...new Set(students.flatMap((s) => (s.employeeNo ? [s.employeeNo] : [])))]
}

function cellOf(scan: DeviceScan | undefined, employeeNo: string): Omit<LiveCheckCell, 'deviceId'> {
  if (!scan) return { state: 'OFFLINE', error: { code: 'internal', message: 'not checked' } }
  if (!scan.ok) return { state: scan.state, error: scan.error }
  return { state: scan.states.get(employeeNo) ?? 'ABSENT' }
}

function row(student: RosterStudent, devices: Device[], scans: Map<string, DeviceScan>): LiveCheckStudent {
  const { employeeNo } = student
  return {
    employeeNo,
    name: student.name || (employeeNo ? nameOnDevices(employeeNo, scans) : ''),
    ...(student.studentId ? { studentId: student.studentId } : {}),
    devices: employeeNo
      ? devices.map((device) => ({ deviceId: device.id, ...cellOf(scans.get(device.id), employeeNo) }))
      : [],
  }
}

/** A student known only by number is shown with the name a device holds for it. */
function nameOnDevices(employeeNo: string, scans: Map<string, DeviceScan>): string {
  for (const scan of scans.values()) {
    const name = scan.ok ? scan.names.get(employeeNo) : undefined
    if (name) return name
  }
  return ''
}

function deviceSummaries(devices: Device[], scans: Map<string, DeviceScan>): LiveCheckDevice[] {
  return devices.map((device) => ({
    id: device.id,
    name: device.name,
    online: scans.get(device.id)?.ok ?? false,
  }))
}
