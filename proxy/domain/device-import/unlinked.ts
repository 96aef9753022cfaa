import type { DeviceUser } from '../../../shared/api/devices'
import type { UnlinkedPeople, UnlinkedPerson } from '../../../shared/api/student-sheet'
import type { TerminalBook } from '../terminal-states/terminal-book'
import { allDeviceUsers, schoolNumbers, toCandidate } from './candidates'
import type { DeviceImportDeps } from './deps'
import { stepError } from '../registration/step-log'

export interface UnlinkedDeps extends Pick<DeviceImportDeps, 'backend' | 'deviceUsers' | 'logger'> {
  registry: { list(): Array<{ id: string; name: string }> }
  book?: TerminalBook
}

/**
 * The people on any terminal whom the school database lacks, merged by employeeNo across terminals. The
 * school is asked first (a server that is away fails the request before any terminal is searched); a
 * terminal that cannot be read is reported and the others still count. Everyone seen is remembered in the
 * terminal book, as the device-users browser would.
 */
export async function unlinkedPeople(deps: UnlinkedDeps): Promise<UnlinkedPeople> {
  const known = await schoolNumbers(deps)
  const devices = deps.registry.list()
  const reads = await Promise.all(
    devices.map(async (device) => {
      try {
        return { device, users: await allDeviceUsers(deps, device.id) }
      } catch (error) {
        const { code, message } = stepError(error)
        return { device, error: { code, message } }
      }
    }),
  )
  const people = new Map<string, UnlinkedPerson>()
  for (const read of reads) {
    if (!read.users) continue
    deps.book?.note(
      'device-users',
      read.users.map((user) => sighting(read.device.id, user)),
    )
    for (const user of read.users) {
      if (known.has(user.employeeNo)) continue
      const seen = people.get(user.employeeNo)
      if (seen) {
        seen.deviceIds.push(read.device.id)
        if (!seen.hasFace && user.hasFace) {
          seen.hasFace = true
          seen.facePath = toCandidate(read.device.id, user).facePath
        }
        continue
      }
      people.set(user.employeeNo, {
        employeeNo: user.employeeNo,
        name: user.name,
        hasFace: user.hasFace,
        deviceIds: [read.device.id],
        facePath: toCandidate(read.device.id, user).facePath,
      })
    }
  }
  return {
    terminals: reads.map((read) => ({
      id: read.device.id,
      name: read.device.name,
      online: read.users !== undefined,
      ...(read.error ? { error: read.error } : {}),
    })),
    people: [...people.values()],
  }
}

function sighting(deviceId: string, user: DeviceUser) {
  return {
    employeeNo: user.employeeNo,
    deviceId,
    state: user.hasFace ? ('present' as const) : ('no_face' as const),
    name: user.name,
  }
}
