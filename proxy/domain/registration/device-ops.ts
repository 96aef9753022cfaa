import { AppError } from '../../../shared/errors'
import type { DeviceUserInput, IsapiClient, UserValidity } from '../../isapi'

/**
 * Some firmware (DS-KV6124 V3.9.0) refuses offset-less local validity bounds with
 * `badJsonContent` / `beginTime and endTime`, and takes the same bounds with an offset.
 */
const VALIDITY_WITH_OFFSET: UserValidity = {
  enable: true,
  beginTime: '2020-01-01T00:00:00+00:00',
  endTime: '2037-12-31T23:59:59+00:00',
  timeType: 'UTC',
}

/** Creates the person; a refusal of the validity format is retried once in the other format. */
export async function createPerson(client: IsapiClient, person: DeviceUserInput): Promise<void> {
  try {
    await client.addUser(person)
  } catch (error) {
    if (!refusedValidity(error)) throw error
    await client.addUser({ ...person, valid: VALIDITY_WITH_OFFSET })
  }
}

/** Changes the person in place (`UserInfo/Modify`), with the same validity fallback. */
export async function modifyPerson(client: IsapiClient, person: DeviceUserInput): Promise<void> {
  try {
    await client.modifyUser(person)
  } catch (error) {
    if (!refusedValidity(error)) throw error
    await client.modifyUser({ ...person, valid: VALIDITY_WITH_OFFSET })
  }
}

/**
 * Removes the face, then the person, by that one number. Deleting the person removes its face on the
 * terminals seen so far; the face goes first anyway so that no firmware is left holding an orphan face.
 * A person or face that is not there counts as removed.
 */
export async function removePerson(client: IsapiClient, employeeNo: string, withFace = true): Promise<void> {
  if (withFace) {
    try {
      await client.deleteFaces([employeeNo])
    } catch (error) {
      if (!isAbsent(error)) throw error
    }
  }
  try {
    await client.deleteUsers([employeeNo])
  } catch (error) {
    if (!isAbsent(error)) throw error
  }
}

/** Is the person under this number on the device? */
export async function personPresent(client: IsapiClient, employeeNo: string): Promise<boolean> {
  const page = await client.searchUsers({ employeeNos: [employeeNo], max: 1 })
  return page.users.some((user) => user.employeeNo === employeeNo)
}

const ABSENT = new Set(['employeenonotexist', 'deviceusernotexist', 'notsupport'])
const TAKEN = new Set(['employeenoalreadyexist', 'deviceuseralreadyexist'])

function subStatus(error: unknown): string {
  return error instanceof AppError && error.code === 'device_rejected'
    ? (error.extra.subStatusCode ?? '').toLowerCase()
    : ''
}

function isAbsent(error: unknown): boolean {
  return ABSENT.has(subStatus(error))
}

/** The device already has a person under this number (one we did not write). */
export function isTakenNumber(error: unknown): boolean {
  return TAKEN.has(subStatus(error))
}

function refusedValidity(error: unknown): boolean {
  if (subStatus(error) !== 'badjsoncontent') return false
  const details = (error as AppError).extra.details as { errorMsg?: unknown } | undefined
  return typeof details?.errorMsg === 'string' && /beginTime|endTime/i.test(details.errorMsg)
}
