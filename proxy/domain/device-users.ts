import {
  DeviceEmployeeNo,
  DeviceUsersQuery,
  type DeviceUser,
  type DeviceUsersPage,
} from '../../shared/api/devices'
import { AppError } from '../../shared/errors'
import { MAX_PAGE, type DeviceUserRecord, type IsapiClient } from '../isapi'
import type { RegistrationsRepo } from '../store/registrations-repo'
import type { DeviceClients } from './device-clients'
import { removePerson } from './registration/device-ops'
import type { TerminalBook } from './terminal-states/terminal-book'
import { validate } from './validate'

/** Browsing the people on one device: pages, one person, the enrolment photo, and deleting a person. */
export class DeviceUsers {
  constructor(
    private readonly clients: DeviceClients,
    private readonly registrations: RegistrationsRepo,
    /** what browsing sees, remembered per (person, terminal) */
    private readonly book?: Pick<TerminalBook, 'note'>,
  ) {}

  /**
   * A page of people from `offset`. Devices hand out at most 30 per search, so a bigger page is read in
   * thirties under one searchID (the device keeps its cursor for it).
   */
  async list(deviceId: string, rawQuery: unknown): Promise<DeviceUsersPage> {
    const query = validate(DeviceUsersQuery, rawQuery)
    const client = this.clients.get(deviceId)
    const users: DeviceUser[] = []
    let position = query.offset
    let searchId: string | undefined
    let total: number
    for (;;) {
      const page = await client.searchUsers({
        position,
        max: Math.min(MAX_PAGE, query.limit - users.length),
        ...(searchId ? { searchId } : {}),
        ...(query.q ? { fuzzy: query.q } : {}),
      })
      searchId = page.searchId
      total = page.total
      users.push(...page.users.map(toDeviceUser))
      position += page.users.length
      if (page.status !== 'MORE' || page.users.length === 0 || users.length >= query.limit) break
    }
    const shown = users.slice(0, query.limit)
    this.seen(deviceId, shown)
    return { total: Math.max(total, query.offset + users.length), users: shown }
  }

  async get(deviceId: string, employeeNo: string): Promise<DeviceUser> {
    const user = toDeviceUser(await this.find(this.clients.get(deviceId), checkNo(employeeNo)))
    this.seen(deviceId, [user])
    return user
  }

  /**
   * The enrolment photo as JPEG: the face library's `faceURL` (FDSearch), or the person's own `faceURL`
   * on firmware whose face library cannot be searched. Only the URL's path is asked of the device.
   */
  async face(deviceId: string, employeeNo: string): Promise<Buffer> {
    const no = checkNo(employeeNo)
    const client = this.clients.get(deviceId)
    const url = (await this.faceUrlFromLibrary(client, no)) ?? (await this.find(client, no)).faceURL
    if (!url) throw new AppError('not_found', `Person ${no} has no face photo on this device`)
    return client.fetchFace(url)
  }

  /** Deletes the person and its face; a registration that had the student on this device forgets it. */
  async remove(deviceId: string, employeeNo: string): Promise<void> {
    const no = checkNo(employeeNo)
    const client = this.clients.get(deviceId)
    await this.find(client, no)
    await removePerson(client, no)
    this.registrations.unlinkDevice(no, deviceId)
    this.book?.note('device-users', [{ employeeNo: no, deviceId, state: 'absent' }])
  }

  private seen(deviceId: string, users: DeviceUser[]): void {
    this.book?.note(
      'device-users',
      users.map((user) => ({
        employeeNo: user.employeeNo,
        deviceId,
        state: user.hasFace ? 'present' : 'no_face',
        name: user.name,
      })),
    )
  }

  private async find(client: IsapiClient, employeeNo: string): Promise<DeviceUserRecord> {
    const page = await client.searchUsers({ employeeNos: [employeeNo], max: 1 })
    const user = page.users.find((u) => u.employeeNo === employeeNo)
    if (!user) throw new AppError('not_found', `No person with number ${employeeNo} on this device`)
    return user
  }

  private async faceUrlFromLibrary(client: IsapiClient, employeeNo: string): Promise<string | undefined> {
    try {
      const page = await client.searchFaces({ employeeNo, max: 1 })
      return page.faces.find((face) => face.fpid === employeeNo)?.faceURL
    } catch (error) {
      if (error instanceof AppError && error.code === 'device_rejected') return undefined
      throw error
    }
  }
}

function checkNo(employeeNo: string): string {
  return validate(DeviceEmployeeNo, employeeNo, 'employeeNo')
}

function toDeviceUser(record: DeviceUserRecord): DeviceUser {
  return {
    employeeNo: record.employeeNo,
    name: record.name,
    ...(record.gender ? { gender: record.gender } : {}),
    ...(record.userType ? { userType: record.userType } : {}),
    ...(record.valid?.beginTime ? { validFrom: record.valid.beginTime } : {}),
    ...(record.valid?.endTime ? { validTo: record.valid.endTime } : {}),
    hasFace: (record.numOfFace ?? 0) > 0 || Boolean(record.faceURL),
  }
}
