import { shallowRef } from 'vue'
import type { StudentSaveResult } from '../../shared/api'
import { saveStudent } from '../api/students'
import type { EnrollFormValues } from '../components/enroll/enrollForm'
import { bytesToBase64 } from '../db/photoBytes'
import { useApi } from './useApi'
import { useAsyncAction } from './useAsyncAction'

/**
 * A student saved to the school server only, written to no terminal (they are put on one later from the
 * Students page). Needs the local server now: nothing is queued on the tablet for this.
 */
export function useSaveToSchool() {
  const api = useApi()
  const result = shallowRef<StudentSaveResult | null>(null)
  const { busy: saving, failure: error, run } = useAsyncAction()

  async function save(values: EnrollFormValues): Promise<void> {
    result.value = null
    // the form names a missing gender before it lets a save through
    const { gender } = values
    if (!gender) return
    const body = {
      clientId: crypto.randomUUID(),
      student: {
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        ...(values.fatherName.trim() ? { fatherName: values.fatherName.trim() } : {}),
        gender,
        classId: values.classId,
      },
      ...(values.photo ? { face: bytesToBase64(values.photo.bytes) } : {}),
    }
    result.value = (await run(() => saveStudent(api, body))) ?? null
  }

  return { saving, result, error, save }
}
