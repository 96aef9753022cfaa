import type { JobError } from '../../../shared/api/jobs'
import { AppError } from '../../../shared/errors'
import { cutToBytes, nameByteLimit, type DeviceCapabilities, type IsapiClient } from '../../isapi'
import { createPerson, isTakenNumber, readBack, removePerson, writeFace } from '../registration/device-ops'
import { who, type CloneItem } from './clone-item'
import { jobError, stopsTheJob, targetFull } from './job-errors'

export type WriteOutcome = { state: 'done' } | { state: 'skipped' } | { state: 'failed'; error: JobError }

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
    await writeFace(target, person, jpeg)
    return { state: 'done' }
  } catch (error) {
    await removePerson(target, item.employeeNo)
    if (stopsTheJob(error)) throw error
    if (targetFull(error)) throw full(error)
    return { state: 'failed', error: jobError(error, who(item)) }
  }
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
