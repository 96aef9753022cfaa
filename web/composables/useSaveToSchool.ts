import { ref, shallowRef } from 'vue'
import { StudentSaveResult } from '../../shared/api'
import type { EnrollFormValues } from '../components/enroll/enrollForm'
import { bytesToBase64 } from '../db/photoBytes'
import { useApi } from './useApi'

/**
 * A student saved to the school server only, written to no terminal (they are put on one later from the
 * Students page). Needs the local server now: nothing is queued on the tablet for this.
 */
export function useSaveToSchool() {
  const api = useApi()
  const saving = ref(false)
  const result = shallowRef<StudentSaveResult | null>(null)
  const error = shallowRef<unknown>(null)

  async function save(values: EnrollFormValues): Promise<void> {
    saving.value = true
    error.value = null
    result.value = null
    try {
      result.value = await api.request('POST', '/api/students', {
        schema: StudentSaveResult,
        timeoutMs: 60_000,
        body: {
          clientId: crypto.randomUUID(),
          student: {
            firstName: values.firstName.trim(),
            lastName: values.lastName.trim(),
            ...(values.fatherName.trim() ? { fatherName: values.fatherName.trim() } : {}),
            gender: values.gender,
            classId: values.classId,
          },
          ...(values.photo ? { face: bytesToBase64(values.photo.bytes) } : {}),
        },
      })
    } catch (failure) {
      error.value = failure
    } finally {
      saving.value = false
    }
  }

  return { saving, result, error, save }
}
