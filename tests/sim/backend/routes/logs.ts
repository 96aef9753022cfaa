import { ADMIN } from '../auth'
import type { SimContext } from '../context'
import type { Router } from '../router'
import { pageNumber } from '../model'
import type { ProvisioningLog } from '../state'

const DEFAULT_LIMIT = 50
const MAX_LIMIT = 200

export function logRoutes(router: Router, { state }: SimContext): void {
  router.add('GET', '/schools/:schoolId/provisioning-logs', (req) => {
    const { schoolId = '' } = req.params
    req.auth.user(ADMIN, schoolId)
    const q = req.query
    const page = pageNumber(q)
    const asked = Number.parseInt(q.get('limit') ?? '', 10)
    const limit = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_LIMIT) : DEFAULT_LIMIT
    const equal = (field: keyof ProvisioningLog, param: string) => (log: ProvisioningLog) =>
      !q.get(param) || log[field] === q.get(param)
    const text = (q.get('q') ?? '').toLowerCase()
    const from = q.get('from') ? Date.parse(q.get('from') as string) : Number.NEGATIVE_INFINITY
    const to = q.get('to') ? Date.parse(q.get('to') as string) : Number.POSITIVE_INFINITY
    const matching = state.logs
      .filter((log) => log.schoolId === schoolId)
      .filter(equal('level', 'level'))
      .filter(equal('status', 'status'))
      .filter(equal('eventType', 'eventType'))
      .filter(equal('stage', 'stage'))
      .filter(equal('studentId', 'studentId'))
      .filter(equal('deviceId', 'deviceId'))
      .filter(equal('provisioningId', 'provisioningId'))
      .filter(equal('actorId', 'actorId'))
      .filter((log) => !text || `${log.message ?? ''} ${log.eventType}`.toLowerCase().includes(text))
      .filter((log) => Date.parse(log.createdAt) >= from && Date.parse(log.createdAt) <= to)
      .reverse()
    const data = matching.slice((page - 1) * limit, page * limit).map((log) => {
      const student = log.studentId ? state.students.get(log.studentId) : undefined
      const device = log.deviceId ? state.devices.get(log.deviceId) : undefined
      return {
        ...log,
        student: student
          ? {
              id: student.id,
              name: student.name,
              firstName: student.firstName,
              lastName: student.lastName,
              deviceStudentId: student.deviceStudentId,
            }
          : null,
        device: device
          ? { id: device.id, name: device.name, deviceId: device.deviceId, location: device.location }
          : null,
      }
    })
    return { json: { data, total: matching.length, page, limit } }
  })
}
