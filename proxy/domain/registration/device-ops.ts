import { AppError } from '../../../shared/errors'
import type { DeviceUserInput, DeviceUserRecord, IsapiClient, UserValidity } from '../../isapi'

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
 * Removes the face, then the person, by that one number, and searches for the person afterwards: some
 * firmware answers OK to a delete and keeps the person (`device_not_applied`, like a write not kept).
 * Deleting the person removes its face on the terminals seen so far; the face goes first anyway so that no
 * firmware is left holding an orphan face. A person or face that is not there counts as removed.
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
  if (await personPresent(client, employeeNo)) {
    throw new AppError(
      'device_not_applied',
      `The device answered OK but still holds person ${employeeNo} after the delete`,
    )
  }
}

/** What a write should have left on the device, checked by reading the person back. */
export interface Expected {
  /** the name exactly as written */
  name?: string
  /** a face was written: the device must count at least one */
  face?: boolean
}

/** What a read-back learned besides the check: whether the number asked ahead is free on the device. */
export interface ReadBackSeen {
  /** undefined when no number was asked ahead */
  aheadFree?: boolean
}

/**
 * Some firmware answers OK to a write and keeps nothing, so after each write the person is searched for
 * by number (one request) and compared with what was written. A mismatch is `device_not_applied`, a failure
 * like any other. Firmware that does not report `numOfFace` cannot be checked for the face.
 *
 * `aheadNo`, the number the next student will get, rides in the same search (EmployeeNoList takes up to
 * 30), so the next pre-flight need not ask for it again.
 */
export async function readBack(
  client: IsapiClient,
  employeeNo: string,
  expected: Expected,
  aheadNo?: string,
): Promise<ReadBackSeen> {
  const ahead = aheadNo !== undefined && aheadNo !== employeeNo ? aheadNo : undefined
  const employeeNos = ahead ? [employeeNo, ahead] : [employeeNo]
  const page = await client.searchUsers({ employeeNos, max: employeeNos.length })
  const problem = notKept(
    page.users.find((user) => user.employeeNo === employeeNo),
    employeeNo,
    expected,
  )
  if (problem) throw problem
  // a page that may not hold every match says nothing about the number asked ahead
  if (!ahead || page.status === 'MORE') return {}
  return { aheadFree: !page.users.some((user) => user.employeeNo === ahead) }
}

/**
 * What is wrong with the person found by a read-back (`device_not_applied`), or null when it is what was
 * written: present, named as written, with a face when one was written. Firmware that does not report
 * `numOfFace` cannot be checked for the face.
 */
export function notKept(
  found: DeviceUserRecord | undefined,
  employeeNo: string,
  expected: Expected,
): AppError | null {
  if (!found) return notApplied(employeeNo, 'the person is not on the device')
  if (expected.name !== undefined && found.name !== expected.name) {
    return notApplied(employeeNo, 'the device kept a different name', {
      expectedName: expected.name,
      foundName: found.name,
    })
  }
  if (expected.face && found.numOfFace !== undefined && found.numOfFace < 1) {
    return notApplied(employeeNo, 'the person has no face on the device')
  }
  return null
}

/**
 * Uploads the face of a person just created (`add`, FaceDataRecord) or replaces it (`setup`, FDSetUp), then
 * reads the person back once: present, named as written, with a face. One search covers both writes: a
 * person whose create was answered OK and not kept is refused its face as unknown, which is that same
 * "not saved" and is reported so.
 */
export async function writeFace(
  client: IsapiClient,
  person: DeviceUserInput,
  jpeg: Uint8Array,
  mode: 'add' | 'setup' = 'add',
  aheadNo?: string,
): Promise<ReadBackSeen> {
  await uploadFace(client, person.employeeNo, jpeg, mode)
  return readBack(client, person.employeeNo, { name: person.name, face: true }, aheadNo)
}

/** The face upload of writeFace, for callers that read many people back at once afterwards. */
export async function uploadFace(
  client: IsapiClient,
  employeeNo: string,
  jpeg: Uint8Array,
  mode: 'add' | 'setup' = 'add',
): Promise<void> {
  try {
    if (mode === 'add') await client.addFace(employeeNo, jpeg)
    else await client.setUpFace(employeeNo, jpeg)
  } catch (error) {
    if (mode === 'add' && USER_MISSING.has(subStatus(error))) {
      throw notApplied(employeeNo, 'the person written just before is not on the device')
    }
    throw error
  }
}

/** Changes the person in place and reads the name back (when no face write follows to check it). */
export async function modifyPersonChecked(client: IsapiClient, person: DeviceUserInput): Promise<void> {
  await modifyPerson(client, person)
  await readBack(client, person.employeeNo, { name: person.name })
}

function notApplied(employeeNo: string, why: string, details?: Record<string, string>): AppError {
  return new AppError(
    'device_not_applied',
    `The device answered OK but did not save person ${employeeNo}: ${why}`,
    details ? { details } : {},
  )
}

/** Is the person under this number on the device? */
export async function personPresent(client: IsapiClient, employeeNo: string): Promise<boolean> {
  const page = await client.searchUsers({ employeeNos: [employeeNo], max: 1 })
  return page.users.some((user) => user.employeeNo === employeeNo)
}

const ABSENT = new Set(['employeenonotexist', 'deviceusernotexist', 'notsupport'])
const USER_MISSING = new Set(['employeenonotexist', 'deviceusernotexist'])
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
