import type {
  BackendClass,
  ClassListResponse,
  DeviceDiagnostics,
  StudentListResponse,
} from '../../shared/api/backend'

/** `GET /api/students` from one page of the backend's device diagnostics (photo URLs already absolute). */
export function studentListFromDiagnostics(
  answer: DeviceDiagnostics & { pages: number },
): StudentListResponse {
  return {
    students: answer.data.map((row) => ({
      id: row.studentId,
      employeeNo: row.deviceStudentId,
      name: row.studentName || `${row.lastName ?? ''} ${row.firstName ?? ''}`.trim(),
      firstName: row.firstName,
      lastName: row.lastName,
      fatherName: row.fatherName,
      classId: row.classId,
      className: row.className,
      photoUrl: row.photoUrl,
      hasPhoto: row.photoUrl !== null,
      devices: row.devices.map((device) => ({
        backendDeviceId: device.deviceId,
        name: device.deviceName,
        serial: device.deviceExternalId,
        status: device.status,
        lastError: device.lastError,
        updatedAt: device.updatedAt,
      })),
      terminals: [],
    })),
    page: answer.page,
    totalPages: answer.pages,
    total: answer.total,
    terminals: [],
  }
}

/** `GET /api/classes`: what the app needs of each class, in the server's order. */
export function classList(classes: BackendClass[]): ClassListResponse {
  return classes.map(({ id, name, gradeLevel }) => ({ id, name, gradeLevel }))
}
