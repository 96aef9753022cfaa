import { randomUUID } from 'node:crypto'
import type { ReportDraft } from '../../proxy/backend/report-kinds'
import { registrationReports } from '../../proxy/domain/registration/backend-reports'

/** A class and devices as the backend simulator seeds them (`SeedResult`). */
export interface SeededSchool {
  classes: { id: string }[]
  devices: { id: string; deviceId: string; name: string; type: string; location: string | null }[]
}

export interface StudentSpec {
  employeeNo: string
  clientId?: string
  firstName?: string
  lastName?: string
  classId?: string
  faceImageBase64?: string
  /** the outcome on each seeded device, SUCCESS unless given */
  failedDevices?: string[]
}

/** What the registration saga writes for one student registered on every seeded device. */
export function registrationFor(school: SeededSchool, spec: StudentSpec): ReportDraft[] {
  const klass = school.classes[0]
  if (!klass) throw new Error('seed the simulator with at least one class')
  return registrationReports({
    clientId: spec.clientId ?? randomUUID(),
    employeeNo: spec.employeeNo,
    student: {
      firstName: spec.firstName ?? 'Sardor',
      lastName: spec.lastName ?? `Karimov-${spec.employeeNo}`,
      gender: 'male',
      classId: spec.classId ?? klass.id,
      ...(spec.faceImageBase64 ? { faceImageBase64: spec.faceImageBase64 } : {}),
    },
    targetDeviceIds: school.devices.map((d) => d.id),
    deviceResults: school.devices.map((device) => {
      const failed = spec.failedDevices?.includes(device.id) ?? false
      return {
        deviceId: device.id,
        deviceExternalId: device.deviceId,
        deviceName: device.name,
        deviceType: device.type,
        deviceLocation: device.location,
        status: failed ? 'FAILED' : 'SUCCESS',
        employeeNoOnDevice: spec.employeeNo,
        error: failed ? 'Qurilma javob bermadi' : null,
      }
    }),
  })
}
