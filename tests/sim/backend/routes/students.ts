import { ADMIN, STAFF } from '../auth'
import { fail, objectBody, str, trimmed } from '../http-io'
import type { SimContext } from '../context'
import type { RouteRequest, Router } from '../router'
import {
  filterStudents,
  findDuplicate,
  fullName,
  PAGE_SIZE,
  pageNumber,
  parseGender,
  savePhoto,
  serializeStudent,
} from '../model'
import { nowIso, type BackendState, type DeviceLink, type StudentRecord } from '../state'

function latestLinks(state: BackendState, studentId: string): Map<string, DeviceLink> {
  const latest = new Map<string, DeviceLink>()
  for (const provisioning of state.provisionings.values()) {
    for (const link of provisioning.links) {
      if (link.studentId !== studentId) continue
      const seen = latest.get(link.deviceId)
      if (!seen || seen.updatedAt <= link.updatedAt) latest.set(link.deviceId, link)
    }
  }
  return latest
}

/** `PUT /students/:id`, in the order the server checks. */
function updateStudent(state: BackendState, student: StudentRecord, body: Record<string, unknown>) {
  const firstName = trimmed(body.firstName)
  const lastName = trimmed(body.lastName)
  if (!firstName || !lastName) throw fail(400, 'Ism va familiya majburiy')
  const classId = trimmed(body.classId)
  if (!classId) throw fail(400, 'Sinf tanlanishi shart')
  const klass = state.classes.get(classId)
  if (!klass || klass.schoolId !== student.schoolId) throw fail(400, 'Bunday sinf topilmadi')
  const gender = body.gender === undefined || body.gender === null ? student.gender : parseGender(body.gender)
  if (!gender) throw fail(400, "Gender noto'g'ri yoki bo'sh")
  const deviceStudentId =
    body.deviceStudentId === undefined ? student.deviceStudentId : trimmed(body.deviceStudentId)
  const taken = [...state.students.values()].some(
    (s) => s.id !== student.id && s.schoolId === student.schoolId && s.deviceStudentId === deviceStudentId,
  )
  if (deviceStudentId && taken) throw fail(400, 'Qurilma ID takrorlangan')
  if (findDuplicate(state, student.schoolId, classId, firstName, lastName, student.id)) {
    throw fail(409, "Bu sinfda bunday o'quvchi mavjud")
  }
  Object.assign(student, {
    firstName,
    lastName,
    name: fullName(firstName, lastName),
    fatherName: body.fatherName === undefined ? student.fatherName : trimmed(body.fatherName) || null,
    gender,
    classId,
    parentPhone: body.parentPhone === undefined ? student.parentPhone : trimmed(body.parentPhone) || null,
    deviceStudentId: deviceStudentId || null,
    updatedAt: nowIso(),
  })
  const face = str(body.faceImageBase64)
  if (face) student.photoUrl = savePhoto(state, student.id, face)
  return serializeStudent(state, student)
}

export function studentRoutes(router: Router, { state }: SimContext): void {
  router.add('GET', '/schools/:schoolId/students', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(STAFF, schoolId)
    const page = pageNumber(req.query)
    const all = filterStudents(state, schoolId, req.query)
    const today = new Date().toISOString().slice(0, 10)
    const data = all
      .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      .map((s) => ({ ...serializeStudent(state, s), todayStatus: null, todayEffectiveStatus: 'ABSENT' }))
    return {
      json: {
        data,
        total: all.length,
        page,
        period: 'today',
        periodLabel: 'Bugun',
        startDate: today,
        endDate: today,
        isSingleDay: true,
        stats: { total: all.length, present: 0, late: 0, absent: all.length, excused: 0 },
      },
    }
  })

  router.add('GET', '/schools/:schoolId/students/device-diagnostics', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(STAFF, schoolId)
    const page = pageNumber(req.query)
    const devices = [...state.devices.values()].filter((d) => d.schoolId === schoolId && d.isActive)
    const all = filterStudents(state, schoolId, req.query)
    const data = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((student) => {
      const links = latestLinks(state, student.id)
      return {
        studentId: student.id,
        studentName: student.name,
        firstName: student.firstName,
        lastName: student.lastName,
        fatherName: student.fatherName,
        classId: student.classId,
        className: student.classId ? (state.classes.get(student.classId)?.name ?? null) : null,
        deviceStudentId: student.deviceStudentId,
        photoUrl: student.photoUrl,
        devices: devices.map((device) => {
          const link = links.get(device.id)
          return {
            deviceId: device.id,
            deviceName: device.name,
            deviceExternalId: device.deviceId,
            status: link?.status ?? 'MISSING',
            lastError: link?.lastError ?? null,
            updatedAt: link?.updatedAt ?? null,
          }
        }),
      }
    })
    return {
      json: {
        devices: devices.map((d) => ({ id: d.id, name: d.name, deviceId: d.deviceId, isActive: d.isActive })),
        data,
        total: all.length,
        page,
      },
    }
  })

  router.add('GET', '/schools/:schoolId/students/by-device-student-id/:deviceStudentId', (req) => {
    const { schoolId = '', deviceStudentId } = req.params
    req.auth.user(STAFF, schoolId)
    const student = [...state.students.values()].find(
      (s) => s.schoolId === schoolId && s.deviceStudentId === deviceStudentId,
    )
    if (!student) throw fail(404, 'Student not found')
    return { json: serializeStudent(state, student) }
  })

  /** The student in the path, for an admin of its school (the 404 still needs an admin's login). */
  const adminsStudent = (req: RouteRequest): StudentRecord => {
    const student = state.students.get(req.params.id ?? '')
    if (!student) {
      req.auth.user(ADMIN)
      throw fail(404, 'Student not found')
    }
    req.auth.user(ADMIN, student.schoolId)
    return student
  }

  router.add('PUT', '/students/:id', (req) => ({
    json: updateStudent(state, adminsStudent(req), objectBody(req.body)),
  }))

  // The server's delete keeps the student, inactive: out of every list, its history kept.
  router.add('DELETE', '/students/:id', (req) => {
    const student = adminsStudent(req)
    Object.assign(student, { isActive: false, updatedAt: nowIso() })
    return { json: serializeStudent(state, student) }
  })
}
