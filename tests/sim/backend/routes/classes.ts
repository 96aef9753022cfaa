import { ADMIN, STAFF } from '../auth'
import { fail, fastifyError, objectBody, requireFields, str, trimmed } from '../http-io'
import type { SimContext } from '../context'
import type { Router } from '../router'
import { newId, nowIso, type ClassRecord } from '../state'

export function classRoutes(router: Router, { state }: SimContext): void {
  router.add('GET', '/schools/:schoolId/classes', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user([...STAFF, 'GUARD'], schoolId)
    const students = [...state.students.values()].filter((s) => s.isActive)
    const classes = [...state.classes.values()]
      .filter((c) => c.schoolId === schoolId)
      .sort((a, b) => a.gradeLevel - b.gradeLevel || a.name.localeCompare(b.name))
      .map((c) => ({
        ...c,
        totalStudents: students.filter((s) => s.classId === c.id).length,
        todayPresent: 0,
        todayLate: 0,
        todayAbsent: 0,
      }))
    return { json: classes }
  })

  router.add('POST', '/schools/:schoolId/classes', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(ADMIN, schoolId)
    const body = objectBody(req.body)
    requireFields(body, ['name', 'gradeLevel'])
    const gradeLevel = Number(body.gradeLevel)
    if (!Number.isInteger(gradeLevel))
      throw fastifyError(400, 'FST_ERR_VALIDATION', 'body/gradeLevel must be integer')
    const name = trimmed(body.name)
    if (!name) throw fail(400, 'Class name is required')
    const taken = [...state.classes.values()].some(
      (c) => c.schoolId === schoolId && c.name.toLowerCase() === name.toLowerCase(),
    )
    if (taken) throw fail(409, 'Class already exists')
    const created: ClassRecord = {
      id: newId(),
      name,
      gradeLevel,
      schoolId,
      startTime: str(body.startTime) ?? '08:00',
      endTime: str(body.endTime) ?? null,
      createdAt: nowIso(),
    }
    state.classes.set(created.id, created)
    return { json: created }
  })
}
