import type { Device } from '../../../shared/api/devices'
import { registrationReports, type DeviceResultBody, type ReportDraft } from '../../backend/report-kinds'
import type { StoredStudent } from '../../store/registrations-repo'

interface RegistrationReportInput {
  clientId: string
  employeeNo: string
  student: StoredStudent
  face: Buffer
  devices: Device[]
}

/** The provision (requestId = clientId, with the photo) and one SUCCESS result per device. */
export function registrationDrafts(input: RegistrationReportInput): ReportDraft[] {
  const { student } = input
  return registrationReports({
    clientId: input.clientId,
    employeeNo: input.employeeNo,
    student: {
      firstName: student.firstName,
      lastName: student.lastName,
      ...(student.fatherName ? { fatherName: student.fatherName } : {}),
      // both are required of the request whenever a backend is configured
      gender: student.gender as 'male' | 'female',
      classId: student.classId as string,
      ...(student.parentPhone ? { parentPhone: student.parentPhone } : {}),
      faceImageBase64: input.face.toString('base64'),
    },
    targetDeviceIds: input.devices.flatMap((device) => (device.backendId ? [device.backendId] : [])),
    deviceResults: input.devices
      .filter(knownToBackend)
      .map((device) => deviceResult(device, input.employeeNo)),
  })
}

interface EditReportInput {
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
export function editDrafts(input: EditReportInput): ReportDraft[] {
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
        firstName: student.firstName,
        lastName: student.lastName,
        ...(student.fatherName ? { fatherName: student.fatherName } : {}),
        ...(student.gender ? { gender: student.gender } : {}),
        classId: student.classId,
        ...(student.parentPhone ? { parentPhone: student.parentPhone } : {}),
        deviceStudentId: employeeNo,
        ...(input.face ? { faceImageBase64: input.face.toString('base64') } : {}),
      },
    })
  }
  const provisionReportId = input.provisionReportId
  if (!provisionReportId) return drafts
  for (const device of input.addedDevices.filter(knownToBackend)) {
    drafts.push({
      kind: 'device-result',
      groupKey: employeeNo,
      provisioningIdFrom: provisionReportId,
      idempotencyKey: `${input.clientId}:device-result:${device.backendId ?? device.deviceId}`,
      body: deviceResult(device, employeeNo),
    })
  }
  return drafts
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
