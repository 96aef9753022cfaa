import { AppError } from '../../../shared/errors'
import { normalizeFace } from '../../images/normalize'
import type { RegistrationsRepo } from '../../store/registrations-repo'
import { fullName } from '../registration/person'
import type { StudentDirectory } from '../students/student-directory'
import type { StudentPhotos } from '../students/student-photos'

/** Who to write back onto a device, and the face to give them (fetched only when a device needs it). */
export interface FixSource {
  name: string
  gender?: 'male' | 'female'
  studentId?: string
  face(): Promise<Buffer>
}

export interface FixSourceDeps {
  registrations: RegistrationsRepo
  directory: StudentDirectory
  photos: StudentPhotos
}

/**
 * Only a student who should be on the devices is written: one this proxy registered (its own record and
 * the face it wrote elsewhere), else one the school server has under this number (its name, and its photo
 * through the photo cache, normalized like an enrolment photo).
 */
export async function fixSource(
  deps: FixSourceDeps,
  employeeNo: string,
  studentId: string | undefined,
): Promise<FixSource> {
  const registered = deps.registrations.get(employeeNo)
  if (registered) {
    const { gender, backendStudentId } = registered.student
    return {
      name: fullName(registered.student),
      ...(gender ? { gender } : {}),
      ...(backendStudentId ? { studentId: backendStudentId } : {}),
      face: async () => registered.faceJpeg,
    }
  }
  if (!studentId) {
    throw new AppError(
      'not_found',
      `Student number ${employeeNo} was not registered by this proxy and no school server student was given`,
      { field: 'studentId' },
    )
  }
  const student = await deps.directory.find(studentId, employeeNo)
  if (student.deviceStudentId !== employeeNo) {
    throw new AppError(
      'conflict',
      `The school server gives student ${studentId} the number ${student.deviceStudentId ?? 'none'}, not ${employeeNo}`,
      { field: 'employeeNo' },
    )
  }
  const name =
    student.firstName || student.lastName
      ? fullName({
          firstName: student.firstName ?? '',
          lastName: student.lastName ?? '',
          ...(student.fatherName ? { fatherName: student.fatherName } : {}),
        })
      : student.name.trim()
  const gender = student.gender === 'FEMALE' ? 'female' : student.gender === 'MALE' ? 'male' : undefined
  return {
    name,
    ...(gender ? { gender } : {}),
    studentId,
    async face() {
      const photo = await deps.photos.get(studentId)
      return (await normalizeFace(photo.bytes)).jpeg
    },
  }
}
