import type { Registration, StudentEdit, StudentSheet } from '../../shared/api'
import { editRegistration, readStudentSheet, removeRegistration } from '../../shared/api/routes/registrations'
import { callRoute } from './call'
import type { ApiClient } from './client'

/** A face upload, a write and a read-back on every terminal holding the person. */
const PERSON_WRITE_TIMEOUT_MS = 120_000

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
  return callRoute(
    api,
    editRegistration,
    { params: { employeeNo }, body: edit },
    { timeoutMs: PERSON_WRITE_TIMEOUT_MS },
  )
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
  return callRoute(
    api,
    removeRegistration,
    {
      params: { employeeNo },
      query: options.deleteOnSchoolServer ? { deleteOnSchoolServer: 'true' } : {},
    },
    { timeoutMs: PERSON_WRITE_TIMEOUT_MS },
  )
}

/** `GET /api/registrations/:employeeNo`: the sheet of anyone on a terminal or on the school server. */
export function studentSheet(
  api: ApiClient,
  employeeNo: string,
  signal?: AbortSignal,
): Promise<StudentSheet> {
  return callRoute(api, readStudentSheet, { params: { employeeNo } }, signal ? { signal } : {})
}
