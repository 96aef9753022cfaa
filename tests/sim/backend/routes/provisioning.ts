import { fail, objectBody, str, trimmed } from '../http-io'
import type { Caller } from '../auth'
import type { SimContext } from '../context'
import type { RouteRequest, Router } from '../router'
import {
  addLog,
  findDuplicate,
  fullName,
  parseGender,
  provisioningStatus,
  savePhoto,
  serializeDevice,
  serializeStudent,
} from '../model'
import {
  newId,
  nowIso,
  type BackendState,
  type DeviceLink,
  type DeviceRecord,
  type Provisioning,
  type StudentRecord,
} from '../state'

const MAX_LOGS = 200

function actor(caller: Caller) {
  return caller.kind === 'user'
    ? { actorId: caller.user.id, actorName: caller.user.name, actorRole: caller.user.role }
    : { actorId: null, actorName: 'provisioning-token', actorRole: null }
}

function provisioningOf(
  state: BackendState,
  req: RouteRequest,
): { provisioning: Provisioning; caller: Caller } {
  const provisioning = state.provisionings.get(req.params.id ?? '')
  // The token check comes first: an outsider learns nothing about which ids exist.
  const caller = req.auth.provisioning(provisioning?.schoolId)
  if (!provisioning) throw fail(404, 'Provisioning not found')
  return { provisioning, caller }
}

function provisionAnswer(state: BackendState, provisioning: Provisioning) {
  const student = state.students.get(provisioning.studentId) as StudentRecord
  return {
    student: serializeStudent(state, student),
    studentId: student.id,
    provisioningId: provisioning.id,
    deviceStudentId: student.deviceStudentId,
    provisioningStatus: provisioning.status,
    targetDevices: provisioning.links.map((link) => ({
      id: link.deviceId,
      deviceId: state.devices.get(link.deviceId)?.deviceId ?? null,
    })),
  }
}

function targetDevices(state: BackendState, schoolId: string, body: Record<string, unknown>): DeviceRecord[] {
  const school = [...state.devices.values()].filter((d) => d.schoolId === schoolId)
  if (body.targetAllActive === true) return school.filter((d) => d.isActive)
  const ids = Array.isArray(body.targetDeviceIds) ? body.targetDeviceIds.map(String) : []
  const found = school.filter((d) => ids.includes(d.id))
  if (found.length !== new Set(ids).size) throw fail(400, 'Some target devices were not found')
  return found
}

/** `students-provision-transaction.service.ts`: validate, upsert by (school, deviceStudentId), link devices. */
function provision(state: BackendState, schoolId: string, body: Record<string, unknown>, caller: Caller) {
  const requestId = str(body.requestId) ?? null
  if (requestId) {
    const earlier = [...state.provisionings.values()].find(
      (p) => p.schoolId === schoolId && p.requestId === requestId,
    )
    if (earlier) return provisionAnswer(state, earlier)
  }
  const input = (typeof body.student === 'object' && body.student !== null ? body.student : {}) as Record<
    string,
    unknown
  >
  const firstName = trimmed(input.firstName)
  const lastName = trimmed(input.lastName)
  if (!firstName || !lastName) throw fail(400, 'Ism va familiya majburiy')
  const gender = parseGender(input.gender)
  if (!gender) throw fail(400, "Gender noto'g'ri yoki bo'sh")
  const classId = trimmed(input.classId)
  if (!classId) throw fail(400, 'Sinf tanlanishi shart')
  const klass = state.classes.get(classId)
  if (!klass || klass.schoolId !== schoolId) throw fail(400, 'Class not found')
  const given = trimmed(input.deviceStudentId)
  if (given && !/^\d+$/.test(given)) throw fail(400, 'deviceStudentId must be numeric')
  // With no id sent, the server's own generator (DEVICE_STUDENT_ID_STRATEGY=uuid by default) makes one.
  const deviceStudentId = given || newId()
  const devices = targetDevices(state, schoolId, body)

  // The upsert key: another student with this deviceStudentId is silently updated, not refused.
  const existing = [...state.students.values()].find(
    (s) => s.schoolId === schoolId && s.deviceStudentId === deviceStudentId,
  )
  if (findDuplicate(state, schoolId, classId, firstName, lastName, existing?.id ?? null)) {
    throw fail(409, 'Duplicate student in class')
  }
  const now = nowIso()
  const student: StudentRecord = existing ?? {
    id: newId(),
    deviceStudentId,
    name: '',
    firstName: '',
    lastName: '',
    fatherName: null,
    gender,
    schoolId,
    classId,
    parentPhone: null,
    photoUrl: null,
    isActive: true,
    deviceSyncStatus: null,
    deviceSyncUpdatedAt: null,
    createdAt: now,
    updatedAt: now,
  }
  Object.assign(student, {
    firstName,
    lastName,
    name: fullName(firstName, lastName),
    fatherName: trimmed(input.fatherName) || null,
    gender,
    classId,
    parentPhone: trimmed(input.parentPhone) || null,
    isActive: true,
    updatedAt: now,
  })
  state.students.set(student.id, student)
  const face = str(input.faceImageBase64)
  if (face) student.photoUrl = savePhoto(state, student.id, face)

  const provisioning: Provisioning = {
    id: newId(),
    status: 'PENDING',
    studentId: student.id,
    schoolId,
    requestId,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    links: [],
  }
  provisioning.links = devices.map((device) => newLink(provisioning, device.id))
  provisioning.status = provisioningStatus(provisioning.links)
  state.provisionings.set(provisioning.id, provisioning)
  student.deviceSyncStatus = provisioning.status
  student.deviceSyncUpdatedAt = now
  addLog(state, {
    schoolId,
    level: 'INFO',
    eventType: 'PROVISIONING_START',
    stage: 'PROVISIONING_START',
    status: provisioning.status,
    message: `Provisioning started for ${devices.length} device(s)`,
    payload: { requestId, targetDeviceIds: devices.map((d) => d.id) },
    provisioningId: provisioning.id,
    studentId: student.id,
    ...actor(caller),
  })
  return provisionAnswer(state, provisioning)
}

function newLink(provisioning: Provisioning, deviceId: string): DeviceLink {
  return {
    id: newId(),
    studentId: provisioning.studentId,
    deviceId,
    provisioningId: provisioning.id,
    status: 'PENDING',
    employeeNoOnDevice: null,
    attemptCount: 0,
    lastError: null,
    lastAttemptAt: null,
    updatedAt: nowIso(),
  }
}

function settle(state: BackendState, provisioning: Provisioning): void {
  provisioning.status = provisioningStatus(provisioning.links)
  provisioning.updatedAt = nowIso()
  const student = state.students.get(provisioning.studentId)
  if (student) {
    student.deviceSyncStatus = provisioning.status
    student.deviceSyncUpdatedAt = provisioning.updatedAt
  }
}

function deviceResult(
  state: BackendState,
  provisioning: Provisioning,
  body: Record<string, unknown>,
  caller: Caller,
) {
  const status = str(body.status)
  if (status !== 'SUCCESS' && status !== 'FAILED') throw fail(400, 'Invalid status')
  const backendId = trimmed(body.deviceId)
  const serial = trimmed(body.deviceExternalId)
  if (!backendId && !serial) throw fail(400, 'deviceId or deviceExternalId is required')
  const device = [...state.devices.values()].find(
    (d) => d.schoolId === provisioning.schoolId && (backendId ? d.id === backendId : d.deviceId === serial),
  )
  if (!device) throw fail(404, 'Device not found')
  let link = provisioning.links.find((l) => l.deviceId === device.id)
  if (!link) {
    link = newLink(provisioning, device.id)
    provisioning.links.push(link)
  }
  const now = nowIso()
  const error = str(body.error) ?? null
  Object.assign(link, {
    status,
    employeeNoOnDevice: str(body.employeeNoOnDevice) ?? null,
    attemptCount: link.attemptCount + 1,
    lastError: status === 'FAILED' ? (error ?? 'Unknown error') : null,
    lastAttemptAt: now,
    updatedAt: now,
  })
  if (status === 'FAILED') provisioning.lastError = link.lastError
  settle(state, provisioning)
  addLog(state, {
    schoolId: provisioning.schoolId,
    level: status === 'FAILED' ? 'ERROR' : 'INFO',
    eventType: 'DEVICE_RESULT',
    stage: 'DEVICE_RESULT',
    status,
    message: status === 'FAILED' ? link.lastError : `Saved on ${device.name}`,
    payload: body,
    provisioningId: provisioning.id,
    studentId: provisioning.studentId,
    deviceId: device.id,
    ...actor(caller),
  })
  return { ok: true, provisioningStatus: provisioning.status, deviceStatus: link.status }
}

function retry(
  state: BackendState,
  provisioning: Provisioning,
  body: Record<string, unknown>,
  caller: Caller,
) {
  const ids = Array.isArray(body.deviceIds) ? body.deviceIds.map(String) : []
  const serials = Array.isArray(body.deviceExternalIds) ? body.deviceExternalIds.map(String) : []
  const chosen =
    ids.length + serials.length === 0
      ? provisioning.links.filter((l) => l.status === 'FAILED')
      : provisioning.links.filter(
          (l) => ids.includes(l.deviceId) || serials.includes(state.devices.get(l.deviceId)?.deviceId ?? ''),
        )
  const now = nowIso()
  for (const link of chosen) Object.assign(link, { status: 'PENDING', lastError: null, updatedAt: now })
  if (chosen.length > 0) {
    provisioning.status = 'PROCESSING'
    provisioning.updatedAt = now
    const student = state.students.get(provisioning.studentId)
    if (student) student.deviceSyncStatus = 'PROCESSING'
  }
  addLog(state, {
    schoolId: provisioning.schoolId,
    level: 'INFO',
    eventType: 'PROVISIONING_RETRY',
    stage: 'RETRY',
    status: provisioning.status,
    message: `Retry requested for ${chosen.length} device(s)`,
    payload: body,
    provisioningId: provisioning.id,
    studentId: provisioning.studentId,
    ...actor(caller),
  })
  return { ok: true, updated: chosen.length, targetDeviceIds: chosen.map((l) => l.deviceId) }
}

export function provisioningRoutes(router: Router, { state }: SimContext): void {
  router.add('POST', '/schools/:schoolId/students/provision', (req) => {
    const { schoolId = '' } = req.params
    const caller = req.auth.provisioning(schoolId)
    return { json: provision(state, schoolId, objectBody(req.body), caller) }
  })

  router.add('POST', '/provisioning/:id/device-result', (req) => {
    const { provisioning, caller } = provisioningOf(state, req)
    return { json: deviceResult(state, provisioning, objectBody(req.body), caller) }
  })

  router.add('GET', '/provisioning/:id', (req) => {
    const { provisioning } = provisioningOf(state, req)
    const { links, ...rest } = provisioning
    const student = state.students.get(provisioning.studentId)
    return {
      json: {
        ...rest,
        student: student ? serializeStudent(state, student) : null,
        devices: links.map((link) => {
          const device = state.devices.get(link.deviceId)
          return { ...link, device: device ? serializeDevice(device) : null }
        }),
      },
    }
  })

  router.add('GET', '/provisioning/:id/logs', (req) => {
    const { provisioning } = provisioningOf(state, req)
    const logs = state.logs
      .filter((log) => log.provisioningId === provisioning.id)
      .reverse()
      .slice(0, MAX_LOGS)
    return { json: logs }
  })

  router.add('POST', '/provisioning/:id/retry', (req) => {
    const { provisioning, caller } = provisioningOf(state, req)
    return { json: retry(state, provisioning, req.body === undefined ? {} : objectBody(req.body), caller) }
  })
}
