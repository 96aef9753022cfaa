import { randomUUID } from 'node:crypto'
import type { Device } from '../../../shared/api/devices'
import type {
  DeviceResultBody,
  ProvisionBody,
  ReportDraft,
  StudentUpdateBody,
} from '../../backend/report-kinds'
import type { StoredStudent } from '../../store/registrations-repo'

/**
 * What the registration sagas owe the school backend, written into the outbox in the same transaction as
 * their result: a registration's provision and device results, an edit's student update and new device
 * results, a student saved to the school alone.
 */

/** What a finished registration owes the backend: the provision, then one result per device. */
export interface RegistrationReportsInput {
  /** the registration's clientId: the provision's requestId and idempotency key */
  clientId: string
  /** the student's employeeNo (= deviceStudentId): reports of one student go out in order */
  employeeNo: string
  student: Omit<ProvisionBody['student'], 'deviceStudentId'>
  targetDeviceIds: string[]
  deviceResults: DeviceResultBody[]
}

export function registrationReports(input: RegistrationReportsInput): ReportDraft[] {
  const provisionId = randomUUID()
  const provision: ReportDraft = {
    kind: 'provision',
    id: provisionId,
    groupKey: input.employeeNo,
    body: {
      student: { ...input.student, deviceStudentId: input.employeeNo },
      requestId: input.clientId,
      targetAllActive: false,
      targetDeviceIds: input.targetDeviceIds,
    },
  }
  const results = input.deviceResults.map((body) =>
    deviceResultDraft(input.clientId, input.employeeNo, provisionId, body),
  )
  return [provision, ...results]
}

interface RegistrationDraftsInput {
  clientId: string
  employeeNo: string
  student: StoredStudent
  face: Buffer
  devices: Device[]
}

/** The provision (requestId = clientId, with the photo) and one SUCCESS result per device. */
export function registrationDrafts(input: RegistrationDraftsInput): ReportDraft[] {
  const { student } = input
  return registrationReports({
    clientId: input.clientId,
    employeeNo: input.employeeNo,
    student: {
      ...schoolStudent({ ...student, classId: student.classId as string }, input.face),
      // both are required of the request whenever a backend is configured
      gender: student.gender as 'male' | 'female',
    },
    targetDeviceIds: input.devices.flatMap((device) => (device.backendId ? [device.backendId] : [])),
    deviceResults: input.devices
      .filter(knownToBackend)
      .map((device) => deviceResult(device, input.employeeNo)),
  })
}

interface EditDraftsInput {
  clientId: string
  employeeNo: string
  student: StoredStudent
  /** the new photo, when the edit changed it */
  face: Buffer | null
  /** the provision report this student's later reports hang on; null for an adopted person (none of ours) */
  provisionReportId: string | null
  studentChanged: boolean
  addedDevices: Device[]
}

/**
 * A changed name or photo goes to the backend as `PUT /students/:id`; added devices as device results.
 * An adopted person's update finds the server's student by number when sent, and has no provisioning to
 * report device results to.
 */
export function editDrafts(input: EditDraftsInput): ReportDraft[] {
  const { student, employeeNo } = input
  const drafts: ReportDraft[] = []
  if ((input.studentChanged || input.face) && student.classId) {
    drafts.push({
      kind: 'student-update',
      groupKey: employeeNo,
      ...(input.provisionReportId
        ? { studentIdFrom: input.provisionReportId }
        : { byDeviceStudentId: employeeNo }),
      idempotencyKey: `${input.clientId}:student-update`,
      body: {
        ...schoolStudent({ ...student, classId: student.classId }, input.face),
        deviceStudentId: employeeNo,
      },
    })
  }
  const provisionReportId = input.provisionReportId
  if (!provisionReportId) return drafts
  for (const device of input.addedDevices.filter(knownToBackend)) {
    drafts.push(
      deviceResultDraft(input.clientId, employeeNo, provisionReportId, deviceResult(device, employeeNo)),
    )
  }
  return drafts
}

/** The student as the school server takes it (provision or update): absent fields left out, photo in base64. */
export function schoolStudent(
  student: StoredStudent & { classId: string },
  face: Buffer | null,
): Omit<StudentUpdateBody, 'deviceStudentId'> {
  return {
    firstName: student.firstName,
    lastName: student.lastName,
    ...(student.fatherName ? { fatherName: student.fatherName } : {}),
    ...(student.gender ? { gender: student.gender } : {}),
    classId: student.classId,
    ...(student.parentPhone ? { parentPhone: student.parentPhone } : {}),
    ...(face ? { faceImageBase64: face.toString('base64') } : {}),
  }
}

/** One device's result, after the provision it belongs to; one key per registration and device. */
function deviceResultDraft(
  clientId: string,
  employeeNo: string,
  provisionReportId: string,
  body: DeviceResultBody,
): ReportDraft {
  return {
    kind: 'device-result',
    groupKey: employeeNo,
    provisioningIdFrom: provisionReportId,
    body,
    idempotencyKey: `${clientId}:device-result:${body.deviceId ?? body.deviceExternalId ?? body.deviceName}`,
  }
}

/** The backend matches a device by its own id or by the serial; a device with neither cannot be reported. */
function knownToBackend(device: Device): boolean {
  return Boolean(device.backendId || device.deviceId)
}

function deviceResult(device: Device, employeeNo: string): DeviceResultBody {
  return {
    deviceId: device.backendId,
    deviceExternalId: device.deviceId,
    deviceName: device.name,
    deviceType: device.direction === 'out' ? 'EXIT' : 'ENTRANCE',
    deviceLocation: null,
    status: 'SUCCESS',
    employeeNoOnDevice: employeeNo,
    error: null,
  }
}
