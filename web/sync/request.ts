import type { RegistrationRequest, StudentInput } from '../../shared/api'
import { bytesToBase64 } from '../db/photoBytes'
import type { Draft, PhotoBytes } from '../db/types'

/**
 * The registration body for a draft. A class typed by hand (no class list was reachable when it was saved)
 * is looked up by name now; when it still is not known the proxy decides whether it needs one.
 */
export function registrationRequest(
  draft: Draft,
  photo: PhotoBytes,
  classIdByName: (name: string) => string | undefined = () => undefined,
): RegistrationRequest {
  const { student } = draft
  const classId = student.classId ?? (student.className ? classIdByName(student.className) : undefined)
  const body: StudentInput = {
    firstName: student.firstName.trim(),
    lastName: student.lastName.trim(),
  }
  const optional = {
    fatherName: student.fatherName?.trim(),
    gender: student.gender,
    classId,
    parentPhone: student.parentPhone?.trim(),
    employeeNo: student.employeeNo,
    backendStudentId: student.backendStudentId,
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value) Object.assign(body, { [key]: value })
  }
  return {
    clientId: draft.clientId,
    student: body,
    face: bytesToBase64(photo.bytes),
    deviceIds: draft.deviceIds,
    ...(draft.faceCheck ? { faceCheck: draft.faceCheck } : {}),
  }
}
