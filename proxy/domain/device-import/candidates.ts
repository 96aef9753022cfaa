import type { ImportCandidate, ImportCandidateList } from '../../../shared/api/device-import'
import type { DeviceUser } from '../../../shared/api/devices'
import type { DeviceImportDeps } from './deps'
import { guessGender, guessNames } from './name-guess'

/** the most a device search page may hold (DeviceUsersQuery) */
const DEVICE_PAGE = 100

/**
 * The people on a terminal whom the school database lacks: every device page against every school page,
 * compared by employeeNo = the student's deviceStudentId. The school is asked first, so a school server
 * that is away fails the request before the device is searched.
 */
export async function importCandidates(
  deps: DeviceImportDeps,
  deviceId: string,
): Promise<ImportCandidateList> {
  deps.registry.get(deviceId)
  const known = await schoolNumbers(deps)
  const users = await allDeviceUsers(deps, deviceId)
  const missing = users.filter((user) => !known.has(user.employeeNo))
  return {
    deviceId,
    onDevice: users.length,
    inSchool: users.length - missing.length,
    candidates: missing.map((user) => toCandidate(deviceId, user)),
  }
}

/** Every deviceStudentId the school server has, from all its student pages. */
export async function schoolNumbers(deps: Pick<DeviceImportDeps, 'backend'>): Promise<Set<string>> {
  const client = deps.backend.require()
  const known = new Set<string>()
  for await (const student of client.listAllStudents()) {
    if (student.deviceStudentId) known.add(student.deviceStudentId)
  }
  return known
}

export async function allDeviceUsers(
  deps: Pick<DeviceImportDeps, 'deviceUsers'>,
  deviceId: string,
): Promise<DeviceUser[]> {
  const users: DeviceUser[] = []
  const seen = new Set<string>()
  for (let offset = 0; ;) {
    const page = await deps.deviceUsers.list(deviceId, { offset, limit: DEVICE_PAGE })
    offset += page.users.length
    // A person added or removed while paging shifts the device's positions: never list one twice.
    for (const user of page.users) {
      if (!seen.has(user.employeeNo)) users.push(user)
      seen.add(user.employeeNo)
    }
    if (page.users.length === 0 || offset >= page.total) return users
  }
}

export function toCandidate(deviceId: string, user: DeviceUser): ImportCandidate {
  return {
    employeeNo: user.employeeNo,
    deviceName: user.name,
    ...guessNames(user.name),
    gender: guessGender(user.gender),
    hasFace: user.hasFace,
    facePath: user.hasFace
      ? `/api/devices/${encodeURIComponent(deviceId)}/users/${encodeURIComponent(user.employeeNo)}/face`
      : null,
  }
}
