import { Registration, StudentSheet, type StudentEdit } from '../../shared/api'
import type { ApiClient } from './client'

/** A face upload, a write and a read-back on every terminal holding the person. */
const PERSON_WRITE_TIMEOUT_MS = 120_000

const personPath = (employeeNo: string) => `/api/registrations/${encodeURIComponent(employeeNo)}`

export interface PersonEdit {
  /** the same on a retry, so the proxy answers the first result instead of writing twice */
  clientId: string
  student?: StudentEdit
  /** base64 of the new face */
  face?: string
  /** terminals that lack the person and get them in the same all-or-nothing step */
  addDeviceIds?: string[]
}

/** `PUT /api/registrations/:employeeNo`: the person as the terminals (and the school server) will hold them. */
export function editPerson(api: ApiClient, employeeNo: string, edit: PersonEdit): Promise<Registration> {
  return api.request('PUT', personPath(employeeNo), {
    schema: Registration,
    body: edit,
    timeoutMs: PERSON_WRITE_TIMEOUT_MS,
  })
}

/**
 * `DELETE /api/registrations/:employeeNo` (admin): off every terminal, each read back; the student stays on
 * the school server unless `deleteOnSchoolServer`.
 */
export function removePerson(
  api: ApiClient,
  employeeNo: string,
  options: { deleteOnSchoolServer: boolean },
): Promise<Registration> {
  return api.request('DELETE', personPath(employeeNo), {
    schema: Registration,
    query: options.deleteOnSchoolServer ? { deleteOnSchoolServer: 'true' } : {},
    timeoutMs: PERSON_WRITE_TIMEOUT_MS,
  })
}

/** `GET /api/registrations/:employeeNo`: the sheet of anyone on a terminal or on the school server. */
export function studentSheet(
  api: ApiClient,
  employeeNo: string,
  signal?: AbortSignal,
): Promise<StudentSheet> {
  return api.request('GET', personPath(employeeNo), { schema: StudentSheet, ...(signal ? { signal } : {}) })
}
