import { cutToBytes, nameByteLimit, type DeviceCapabilities, type DeviceUserInput } from '../../isapi'
import type { StoredStudent } from '../../store/registrations-repo'

/**
 * The name a device shows: `lastName firstName [fatherName]`, exactly as typed (Uzbek ʻ ʼ and Cyrillic are
 * left alone), with runs of spaces folded so that the byte budget goes to letters.
 */
export function fullName(student: Pick<StoredStudent, 'firstName' | 'lastName' | 'fatherName'>): string {
  return [student.lastName, student.firstName, student.fatherName]
    .map((part) => (part ?? '').trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
}

/** The person record for one device: the name cut to that device's byte limit on a character boundary. */
export function personFor(
  employeeNo: string,
  student: StoredStudent,
  caps: DeviceCapabilities | null,
): DeviceUserInput {
  return {
    employeeNo,
    name: cutToBytes(fullName(student), nameByteLimit(caps)).trimEnd(),
    userType: 'normal',
    ...(student.gender ? { gender: student.gender } : {}),
  }
}
