import { Registration, type DeviceOutcome } from '../../../shared/api'
import type { Draft } from '../../db/types'

export type DeviceRowState = 'waiting' | 'writing' | DeviceOutcome['status']

export interface DeviceRow {
  id: string
  state: DeviceRowState
  outcome: DeviceOutcome | null
}

/** The proxy's answer for a draft: its 201 body, or the per-device outcomes that came with a refusal. */
export function draftRegistration(draft: Draft): Registration | null {
  if (draft.result) return draft.result
  const parsed = Registration.safeParse(draft.lastError?.details)
  return parsed.success ? parsed.data : null
}

/** One row per chosen device: where the draft stands on it. */
export function deviceRows(draft: Draft): DeviceRow[] {
  const registration = draftRegistration(draft)
  return draft.deviceIds.map((id, index) => {
    const outcome =
      registration?.devices.find((device) => device.deviceId === id) ??
      (registration?.devices.length === draft.deviceIds.length ? registration.devices[index] : undefined) ??
      null
    if (draft.status === 'sending') return { id, state: 'writing', outcome: null }
    // a waiting draft keeps what each device said last time, so the reason shows until the next try
    if (draft.status === 'waiting') return { id, state: 'waiting', outcome }
    // refused before any device was touched (bad input, a known student): no device wrote anything
    const state: DeviceRowState = outcome?.status ?? (draft.status === 'done' ? 'SUCCESS' : 'SKIPPED')
    return { id, state, outcome }
  })
}

export function studentName(draft: Pick<Draft, 'student'>): string {
  return [draft.student.lastName, draft.student.firstName].filter(Boolean).join(' ')
}
