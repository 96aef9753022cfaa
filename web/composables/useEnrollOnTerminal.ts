import { computed, ref, shallowRef } from 'vue'
import type { StudentListItem } from '../../shared/api'
import { fixOnDevices } from '../api/live-check'
import { isApiError } from '../api/errors'
import { useApi } from './useApi'

export interface EnrollOnTerminalOutcome {
  studentId: string
  /** `done`: on the terminal with a face now; `noNumber`: never enrolled anywhere, so it has no number yet */
  result: 'done' | 'failed' | 'noNumber'
  code: string | null
}

/**
 * Puts the ticked students on one terminal, one after the other (the terminal takes one face at a time):
 * the proxy writes what that terminal lacks of each (person, face) from the school server's record and
 * reads it back. A student with no number was never enrolled and must go through the Enroll page.
 */
export function useEnrollOnTerminal() {
  const api = useApi()
  const outcomes = shallowRef<EnrollOnTerminalOutcome[]>([])
  const total = ref(0)
  const running = ref(false)
  const done = computed(() => outcomes.value.length)
  const failed = computed(() => outcomes.value.filter((o) => o.result === 'failed').length)
  const noNumber = computed(() => outcomes.value.filter((o) => o.result === 'noNumber').length)
  let run = 0

  async function enroll(students: readonly StudentListItem[], deviceId: string): Promise<void> {
    const mine = ++run
    outcomes.value = []
    total.value = students.length
    running.value = true
    try {
      for (const student of students) {
        const outcome = await enrollOne(student, deviceId)
        if (mine !== run) return
        outcomes.value = [...outcomes.value, outcome]
      }
    } finally {
      if (mine === run) running.value = false
    }
  }

  async function enrollOne(student: StudentListItem, deviceId: string): Promise<EnrollOnTerminalOutcome> {
    if (!student.employeeNo) return { studentId: student.id, result: 'noNumber', code: null }
    try {
      const answer = await fixOnDevices(api, {
        employeeNo: student.employeeNo,
        deviceIds: [deviceId],
        studentId: student.id,
      })
      const refused = answer.actions.find((action) => action.error)?.error?.code
      const cell = answer.student.devices.find((c) => c.deviceId === deviceId)
      if (refused || cell?.state !== 'PRESENT')
        return { studentId: student.id, result: 'failed', code: refused ?? cell?.error?.code ?? null }
      return { studentId: student.id, result: 'done', code: null }
    } catch (failure) {
      return {
        studentId: student.id,
        result: 'failed',
        code: isApiError(failure) ? failure.code : 'internal',
      }
    }
  }

  function stop(): void {
    run += 1
    running.value = false
  }

  return { outcomes, total, running, done, failed, noNumber, enroll, stop }
}
