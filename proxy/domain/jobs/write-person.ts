import type { JobError } from '../../../shared/api/jobs'
import { AppError } from '../../../shared/errors'
import {
  cutToBytes,
  MAX_PAGE,
  nameByteLimit,
  type DeviceCapabilities,
  type DeviceUserRecord,
  type IsapiClient,
} from '../../isapi'
import {
  createPerson,
  isTakenNumber,
  notKept,
  readBack,
  removePerson,
  uploadFace,
} from '../registration/device-ops'
import { who, type CloneItem } from './clone-item'
import { jobError, stopsTheJob, targetFull } from './job-errors'

export type WriteOutcome = { state: 'done' } | { state: 'skipped' } | { state: 'failed'; error: JobError }

/** A person written to the target (person and face) whose read-back is still to come. */
export interface Unverified {
  item: CloneItem & { employeeNo: string }
  /** the name as written, cut to the target's limit */
  name: string
}

/**
 * Creates the person on the target, then uploads the face and reads the person back (one search: present,
 * named as written, with a face). A face the target refuses, or a write it answered OK and did not keep,
 * takes the person off again, so nobody stays on the target without a face. A failure of the target as a whole is thrown:
 * the caller keeps the person marked `writing` until it has been removed (now or on the next pass).
 */
export async function writePerson(
  target: IsapiClient,
  caps: DeviceCapabilities | null,
  item: CloneItem & { employeeNo: string },
  jpeg: Buffer,
): Promise<WriteOutcome> {
  const written = await writeUnverified(target, caps, item, jpeg)
  if (written.state !== 'written') return written
  const [checked] = await verifyWritten(target, [written.person])
  if (!checked) throw new Error('a read-back gave no answer for the person written')
  return checked.outcome
}

/** writePerson without its read-back: for a job that reads many people back in one search (verifyWritten). */
export async function writeUnverified(
  target: IsapiClient,
  caps: DeviceCapabilities | null,
  item: CloneItem & { employeeNo: string },
  jpeg: Buffer,
): Promise<WriteOutcome | { state: 'written'; person: Unverified }> {
  const person = {
    employeeNo: item.employeeNo,
    name: cutToBytes(item.name, nameByteLimit(caps)).trimEnd(),
    userType: 'normal' as const,
    ...(item.gender ? { gender: item.gender } : {}),
  }
  try {
    await createPerson(target, person)
  } catch (error) {
    // Someone put the same number on the target since it was checked: it is there, not ours to touch.
    if (isTakenNumber(error)) return { state: 'skipped' }
    if (stopsTheJob(error)) throw error
    if (targetFull(error)) throw full(error)
    return { state: 'failed', error: jobError(error, who(item)) }
  }
  try {
    await uploadFace(target, item.employeeNo, jpeg)
    return { state: 'written', person: { item, name: person.name } }
  } catch (error) {
    return takeOff(target, item, error)
  }
}

/**
 * Reads people written by writeUnverified back, up to 30 in one search (EmployeeNoList), and takes off
 * again each one the target answered OK for and did not keep (`device_not_applied`), as writePerson does.
 */
export async function verifyWritten(
  target: IsapiClient,
  written: Unverified[],
): Promise<Array<{ person: Unverified; outcome: WriteOutcome }>> {
  const checked: Array<{ person: Unverified; outcome: WriteOutcome }> = []
  for (let i = 0; i < written.length; i += MAX_PAGE) {
    const batch = written.slice(i, i + MAX_PAGE)
    let found: Map<string, DeviceUserRecord>
    try {
      const employeeNos = batch.map((person) => person.item.employeeNo)
      const page = await target.searchUsers({ employeeNos, max: MAX_PAGE })
      found = new Map(page.users.map((user) => [user.employeeNo, user]))
    } catch (error) {
      for (const person of batch) checked.push({ person, outcome: await takeOff(target, person.item, error) })
      continue
    }
    for (const person of batch) {
      const no = person.item.employeeNo
      const problem = notKept(found.get(no), no, { name: person.name, face: true })
      checked.push({
        person,
        outcome: problem ? await takeOff(target, person.item, problem) : { state: 'done' },
      })
    }
  }
  return checked
}

/** A person whose face or read-back failed comes off the target again; a failure of the target is thrown. */
async function takeOff(
  target: IsapiClient,
  item: CloneItem & { employeeNo: string },
  error: unknown,
): Promise<WriteOutcome> {
  await removePerson(target, item.employeeNo)
  if (stopsTheJob(error)) throw error
  if (targetFull(error)) throw full(error)
  return { state: 'failed', error: jobError(error, who(item)) }
}

/**
 * Uploads the face of a person the target already has without one and reads it back; the person stays
 * whatever happens.
 */
export async function addFaceOnly(
  target: IsapiClient,
  item: CloneItem & { employeeNo: string },
  jpeg: Buffer,
): Promise<WriteOutcome> {
  try {
    await target.addFace(item.employeeNo, jpeg)
    await readBack(target, item.employeeNo, { face: true })
    return { state: 'done' }
  } catch (error) {
    if (stopsTheJob(error)) throw error
    if (targetFull(error)) throw full(error)
    return { state: 'failed', error: jobError(error, who(item)) }
  }
}

function full(error: unknown): AppError {
  const reason = error instanceof AppError ? error.extra.subStatusCode : undefined
  return new AppError('capacity_exceeded', 'The target device is full: it takes no more people or faces', {
    ...(reason ? { subStatusCode: reason } : {}),
  })
}
