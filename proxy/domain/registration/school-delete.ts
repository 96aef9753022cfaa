import type { Registration } from '../../../shared/api/registrations'
import { AppError } from '../../../shared/errors'
import type { SagaDeps } from './deps'
import { stepError } from './step-log'

/**
 * The school server's student with this number, deleted there (`DELETE /students/:id`, which makes it
 * inactive). Asked only after the terminals are clean; a server that is away or refuses is reported, the
 * terminals' removal stands.
 */
export async function deleteOnSchoolServer(
  deps: SagaDeps,
  employeeNo: string,
): Promise<NonNullable<Registration['schoolServer']>> {
  if (!deps.school) {
    const error = new AppError('backend_unavailable', 'The school server is not set up on this proxy')
    return { status: 'failed', error: { code: error.code, message: error.message } }
  }
  try {
    const student = await deps.school.studentByDeviceStudentId(employeeNo)
    if (!student) return { status: 'not_found' }
    await deps.school.deleteStudent(student.id)
    deps.logger.info({ employeeNo, studentId: student.id }, 'student deleted on the school server')
    return { status: 'deleted' }
  } catch (error) {
    const { code, message } = stepError(error)
    return { status: 'failed', error: { code, message } }
  }
}
