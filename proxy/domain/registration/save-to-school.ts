import type { StudentSave, StudentSaveResult } from '../../../shared/api/students'
import { AppError } from '../../../shared/errors'
import { registrationReports, schoolStudent } from './backend-reports'
import { backendOn, type SagaDeps } from './deps'
import { readFace } from './face-input'

/**
 * A student saved to the school server and written to no terminal: a number drawn like an enrollment's
 * (it becomes the server's `deviceStudentId`, so a later enrollment uses it), then a provision with no
 * target device through the outbox. The clientId is the provision's requestId: sent again, it finds the
 * report already stored and answers the same number.
 */
export async function saveToSchool(deps: SagaDeps, request: StudentSave): Promise<StudentSaveResult> {
  if (!backendOn(deps)) {
    throw new AppError(
      'backend_unavailable',
      'The school server is not set up on this proxy, so a student cannot be saved to it',
      { details: { reason: 'not_configured', retryable: false } },
    )
  }
  const earlier = deps.outbox.groupOfKey(request.clientId)
  if (earlier) return answer(deps, request.clientId, earlier)
  const face = request.face === undefined ? null : await readFace(request.face)
  const employeeNo = await deps.numbers.allocate()
  const { student } = request
  deps.outbox.enqueue(
    registrationReports({
      clientId: request.clientId,
      employeeNo,
      student: { ...schoolStudent(student, face), gender: student.gender },
      targetDeviceIds: [],
      deviceResults: [],
    }),
  )
  deps.logger.info({ employeeNo }, 'student saved for the school server, no terminal written')
  await deps.outbox.deliverSoon(employeeNo)
  return answer(deps, request.clientId, employeeNo)
}

function answer(deps: SagaDeps, clientId: string, employeeNo: string): StudentSaveResult {
  const status = deps.outbox.status(employeeNo)
  const refusal = deps.outbox.refusal(employeeNo)
  const studentId = deps.outbox.provisionResult(employeeNo)?.studentId
  return {
    clientId,
    employeeNo,
    backend: {
      status: status.status,
      ...(studentId ? { studentId } : {}),
      ...(refusal ? { refusal } : {}),
    },
  }
}
