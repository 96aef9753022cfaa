import { onMounted, onScopeDispose, shallowRef } from 'vue'
import type { OutboxItem } from '../../shared/api'
import { outboxView } from '../api/outbox'
import { draftRegistration } from '../components/enroll/deviceRows'
import type { Draft } from '../db/types'
import { useSessionStore } from '../stores/session'
import type { SchoolRefusal } from './schoolRefusal'
import { useApi } from './useApi'

function refusalOf(item: OutboxItem): SchoolRefusal {
  return {
    message: item.lastError ?? '',
    reportId: item.id,
    ...(item.refusalReason ? { reason: item.refusalReason } : {}),
  }
}

/**
 * The reports the school server refused for good, by the student's number: a student written to the
 * terminals whose record the server would not take is not "done" for the school, and the screens say so.
 */
export function useOutboxRefusals() {
  const api = useApi()
  const session = useSessionStore()
  const refusals = shallowRef(new Map<string, SchoolRefusal>())

  async function reload(): Promise<void> {
    if (!session.isPaired) return
    try {
      const view = await outboxView(api)
      refusals.value = new Map(view.failed.map((item) => [item.groupKey, refusalOf(item)]))
    } catch {
      // out of reach: the refusals the drafts carry themselves still show
    }
  }

  /** The draft's own answer first (refused while it was sent), else what the outbox holds for its number. */
  function refusalFor(draft: Draft): SchoolRefusal | null {
    const registration = draftRegistration(draft)
    const error = registration?.backend.error
    if (error) return error
    const employeeNo = registration?.employeeNo ?? draft.student.employeeNo
    return employeeNo ? (refusals.value.get(employeeNo) ?? null) : null
  }

  let again: ReturnType<typeof setTimeout> | null = null
  /**
   * Looks again every few seconds while `waiting()` holds: a report still on its way (a busy or slow school
   * server) may be refused after the terminals' answer, and the card should say so without a tap.
   */
  function reloadWhile(waiting: () => boolean, everyMs = 3_000, tries = 20): void {
    if (again) clearTimeout(again)
    const look = async (left: number) => {
      await reload()
      if (left > 1 && waiting()) again = setTimeout(() => void look(left - 1), everyMs)
    }
    void look(tries)
  }

  onMounted(reload)
  onScopeDispose(() => {
    if (again) clearTimeout(again)
  })
  return { refusals, reload, reloadWhile, refusalFor }
}
