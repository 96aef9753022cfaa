import type { LiveCheckFixAction, LiveState } from '../../../shared/api/live-check'
import { AppError } from '../../../shared/errors'
import type { IsapiClient } from '../../isapi'
import type { CloneItem } from '../jobs/clone-item'
import { addFaceOnly, writePerson, type WriteOutcome } from '../jobs/write-person'

export interface DeviceFix {
  deviceId: string
  client: () => IsapiClient
  /** what the device held just before */
  state: LiveState
  person: { employeeNo: string; name: string; gender?: 'male' | 'female' }
  studentId?: string
  face(): Promise<Buffer>
}

/**
 * Writes what one device is missing through the clone's write step (person, face, read-back, and the
 * person taken off again when the face does not take): the whole person for ABSENT, the face for NO_FACE.
 * A device that could not be asked, or already has everything, is left alone.
 */
export async function fixOnDevice(fix: DeviceFix): Promise<LiveCheckFixAction> {
  const wrote = fix.state === 'ABSENT' ? 'person-and-face' : fix.state === 'NO_FACE' ? 'face' : 'none'
  if (wrote === 'none') return { deviceId: fix.deviceId, wrote }
  try {
    const client = fix.client()
    const item: CloneItem & { employeeNo: string } = {
      key: fix.person.employeeNo,
      employeeNo: fix.person.employeeNo,
      name: fix.person.name,
      ...(fix.person.gender ? { gender: fix.person.gender } : {}),
      ...(fix.studentId ? { studentId: fix.studentId } : {}),
      face: () => fix.face(),
    }
    const jpeg = await fix.face()
    const outcome: WriteOutcome =
      wrote === 'face'
        ? await addFaceOnly(client, item, jpeg)
        : await writePerson(client, await client.capabilities(), item, jpeg)
    if (outcome.state === 'failed') {
      return {
        deviceId: fix.deviceId,
        wrote,
        error: { code: outcome.error.code, message: outcome.error.message },
      }
    }
    return { deviceId: fix.deviceId, wrote }
  } catch (error) {
    return { deviceId: fix.deviceId, wrote, error: reason(error) }
  }
}

function reason(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}
