import { ref, shallowRef } from 'vue'
import type { Registration, StudentEdit } from '../../shared/api'
import { editPerson, removePerson } from '../api/people'
import { bytesToBase64 } from '../db/photoBytes'
import type { PhotoBytes } from '../db/types'
import { useApi } from './useApi'

export interface StudentChange {
  student?: StudentEdit
  photo?: PhotoBytes | null
  addDeviceIds?: string[]
}

/**
 * The student sheet's writes to the terminals: an edit (names, class, phone, face, a terminal added) and the
 * removal from every terminal. Each keeps the proxy's answer, so the sheet shows, terminal by terminal, what
 * was written, refused or rolled back. One write at a time.
 */
export function useStudentChange(employeeNo: () => string) {
  const api = useApi()
  const busy = ref<'edit' | 'remove' | null>(null)
  const result = shallowRef<Registration | null>(null)
  const error = shallowRef<unknown>(null)
  /** the edit being sent: the same clientId on a retry of it */
  let pending: { clientId: string; key: string } | null = null

  async function run(
    kind: 'edit' | 'remove',
    write: () => Promise<Registration>,
  ): Promise<Registration | null> {
    if (busy.value) return null
    busy.value = kind
    error.value = null
    result.value = null
    try {
      result.value = await write()
      return result.value
    } catch (failure) {
      error.value = failure
      return null
    } finally {
      busy.value = null
    }
  }

  function edit(change: StudentChange): Promise<Registration | null> {
    const face = change.photo ? bytesToBase64(change.photo.bytes) : undefined
    const body = {
      ...(change.student && Object.keys(change.student).length > 0 ? { student: change.student } : {}),
      ...(face ? { face } : {}),
      ...(change.addDeviceIds?.length ? { addDeviceIds: change.addDeviceIds } : {}),
    }
    const key = JSON.stringify([
      employeeNo(),
      body.student,
      face?.length,
      face?.slice(-64),
      body.addDeviceIds,
    ])
    if (pending?.key !== key) pending = { clientId: crypto.randomUUID(), key }
    const clientId = pending.clientId
    return run('edit', async () => {
      const answer = await editPerson(api, employeeNo(), { clientId, ...body })
      pending = null
      return answer
    })
  }

  function remove(deleteOnSchoolServer: boolean): Promise<Registration | null> {
    return run('remove', () => removePerson(api, employeeNo(), { deleteOnSchoolServer }))
  }

  function reset(): void {
    result.value = null
    error.value = null
  }

  return { busy, result, error, edit, remove, reset }
}
