import { computed, ref, shallowRef } from 'vue'
import {
  LIVE_STATES,
  type LiveCheckFixResponse,
  type LiveCheckRequest,
  type LiveCheckResponse,
  type LiveCheckDevice,
  type LiveCheckStudent,
  type LiveState,
} from '../../shared/api'
import type { ApiClient } from '../api/client'
import { fixOnDevices, liveCheck } from '../api/live-check'
import { useApi } from './useApi'

/** Students per request: one EmployeeNoList search per device per chunk, and a step of the progress bar. */
export const LIVE_CHECK_CHUNK = 30

/** States a fix can mend: the person is missing, or is there without a face. */
export const FIXABLE: ReadonlySet<LiveState> = new Set(['ABSENT', 'NO_FACE'])

/** A known student asked for by number: the screen's own id and name fill in what the proxy cannot know. */
export interface KnownStudent {
  employeeNo: string
  studentId?: string
  name?: string
}

export type LiveCheckTarget = { classId: string } | { students: KnownStudent[] }

export type StateCounts = Record<LiveState, number> & { notEnrolled: number }

/**
 * A live check as the screen runs it: a class in chunks (so the progress bar moves and a long class can
 * be stopped), or some students at once; fixes per cell and "all missing" per device, each answered with
 * the fresh state the proxy read back.
 */
export function useLiveCheck(api: ApiClient = useApi()) {
  const students = shallowRef<LiveCheckStudent[]>([])
  const devices = shallowRef<LiveCheckDevice[]>([])
  const total = ref(0)
  const running = ref(false)
  const fromRegistrations = ref(false)
  const error = shallowRef<unknown>(null)
  /** `employeeNo|deviceId` of the cells being fixed */
  const fixing = ref(new Set<string>())
  const fixErrors = ref(new Map<string, string>())
  let run = 0

  const checked = computed(() => students.value.length)
  const progress = computed(() => (total.value === 0 ? (running.value ? 0 : 1) : checked.value / total.value))
  const counts = computed<StateCounts>(() => {
    const counts = Object.fromEntries(LIVE_STATES.map((s) => [s, 0])) as StateCounts
    counts.notEnrolled = 0
    for (const student of students.value) {
      if (!student.employeeNo) counts.notEnrolled += 1
      for (const cell of student.devices) counts[cell.state] += 1
    }
    return counts
  })

  async function check(target: LiveCheckTarget): Promise<void> {
    const mine = ++run
    students.value = []
    devices.value = []
    total.value = 0
    error.value = null
    fromRegistrations.value = false
    fixErrors.value = new Map()
    running.value = true
    try {
      if ('students' in target) {
        const answer = await ask({ employeeNos: target.students.map((s) => s.employeeNo) })
        if (mine === run)
          take({ ...answer, students: answer.students.map((s) => withKnown(s, target.students)) })
        return
      }
      for (let offset = 0; ;) {
        const answer = await ask({ classId: target.classId, offset, limit: LIVE_CHECK_CHUNK })
        if (mine !== run) return
        take(answer)
        offset += answer.students.length
        if (answer.students.length === 0 || offset >= answer.total) return
      }
    } catch (failure) {
      if (mine === run) error.value = failure
    } finally {
      if (mine === run) running.value = false
    }
  }

  /** Stops a class check after the chunk in flight; what was checked stays shown. */
  function stop(): void {
    run += 1
    running.value = false
  }

  function ask(body: LiveCheckRequest): Promise<LiveCheckResponse> {
    return liveCheck(api, body)
  }

  function take(answer: LiveCheckResponse): void {
    students.value = [...students.value, ...answer.students]
    devices.value = mergeDevices(devices.value, answer.devices)
    total.value = answer.total
    if (answer.source === 'registrations') fromRegistrations.value = true
  }

  async function fix(employeeNo: string, deviceIds: string[]): Promise<void> {
    const student = students.value.find((s) => s.employeeNo === employeeNo)
    const keys = deviceIds.map((id) => cellKey(employeeNo, id))
    setFixing(keys, true)
    try {
      const answer = await fixOnDevices(api, {
        employeeNo,
        deviceIds,
        ...(student?.studentId ? { studentId: student.studentId } : {}),
      })
      replaceCells(employeeNo, answer)
      const errors = new Map(fixErrors.value)
      for (const key of keys) errors.delete(key)
      for (const action of answer.actions) {
        if (action.error) errors.set(cellKey(employeeNo, action.deviceId), action.error.code)
      }
      fixErrors.value = errors
    } catch (failure) {
      const errors = new Map(fixErrors.value)
      const code = (failure as { code?: string }).code ?? 'internal'
      for (const key of keys) errors.set(key, code)
      fixErrors.value = errors
    } finally {
      setFixing(keys, false)
    }
  }

  /** Every student this device lacks (in whole or the face), one after the other. */
  async function fixAllMissing(deviceId: string): Promise<void> {
    for (const employeeNo of missingOn(deviceId)) await fix(employeeNo, [deviceId])
  }

  function missingOn(deviceId: string): string[] {
    return students.value.flatMap((s) =>
      s.employeeNo && !s.noPhoto && s.devices.some((c) => c.deviceId === deviceId && FIXABLE.has(c.state))
        ? [s.employeeNo]
        : [],
    )
  }

  function replaceCells(employeeNo: string, answer: LiveCheckFixResponse): void {
    const fresh = new Map(answer.student.devices.map((cell) => [cell.deviceId, cell]))
    students.value = students.value.map((s) =>
      s.employeeNo === employeeNo
        ? { ...s, devices: s.devices.map((cell) => fresh.get(cell.deviceId) ?? cell) }
        : s,
    )
    const online = new Map(answer.devices.map((d) => [d.id, d.online]))
    devices.value = devices.value.map((d) => (online.has(d.id) ? { ...d, online: online.get(d.id)! } : d))
  }

  function setFixing(keys: string[], on: boolean): void {
    const next = new Set(fixing.value)
    for (const key of keys) {
      if (on) next.add(key)
      else next.delete(key)
    }
    fixing.value = next
  }

  return {
    students,
    devices,
    total,
    checked,
    progress,
    counts,
    running,
    fromRegistrations,
    error,
    fixing,
    fixErrors,
    check,
    stop,
    fix,
    fixAllMissing,
    missingOn,
  }
}

function withKnown(student: LiveCheckStudent, known: KnownStudent[]): LiveCheckStudent {
  const mine = known.find((k) => k.employeeNo === student.employeeNo)
  if (!mine) return student
  return {
    ...student,
    name: student.name || mine.name || '',
    ...(student.studentId || mine.studentId ? { studentId: student.studentId ?? mine.studentId } : {}),
  }
}

export function cellKey(employeeNo: string, deviceId: string): string {
  return `${employeeNo}|${deviceId}`
}

/** A device is online when every chunk reached it. */
function mergeDevices(known: LiveCheckDevice[], more: LiveCheckDevice[]): LiveCheckDevice[] {
  if (known.length === 0) return more
  const online = new Map(more.map((d) => [d.id, d.online]))
  return known.map((d) => ({ ...d, online: d.online && (online.get(d.id) ?? d.online) }))
}
