import type { StudentListItem } from '../../shared/api'

/** A student's state on one terminal, as the list and the sheet show it. */
export type TerminalState = 'present' | 'missing' | 'failed' | 'pending' | 'unknown'

export interface TerminalCell {
  /** the terminal's id in the proxy, or the school server's device id when the proxy does not know it */
  key: string
  name: string
  state: TerminalState
  /** when this was last known (ISO time); null when nobody can say */
  at: string | null
  /** why a write failed, as the terminal or the school server said it */
  reason: string | null
}

const FROM_BACKEND: Record<StudentListItem['devices'][number]['status'], TerminalState> = {
  SUCCESS: 'present',
  MISSING: 'missing',
  FAILED: 'failed',
  PENDING: 'pending',
}

/** The school server's records of a student on its devices (what the proxy reports there). */
export function backendCells(student: StudentListItem): TerminalCell[] {
  return student.devices.map((device) => ({
    key: device.backendDeviceId,
    name: device.name ?? device.serial ?? device.backendDeviceId,
    state: FROM_BACKEND[device.status],
    at: device.updatedAt,
    reason: device.lastError,
  }))
}

/** Worst first: what needs the secretary comes to the top when the list is sorted by state. */
const RANK: Record<TerminalState, number> = { failed: 0, missing: 1, pending: 2, unknown: 3, present: 4 }

export function worstState(cells: readonly TerminalCell[]): TerminalState {
  return cells.reduce<TerminalState>(
    (worst, cell) => (RANK[cell.state] < RANK[worst] ? cell.state : worst),
    'present',
  )
}

export const stateRank = (state: TerminalState) => RANK[state]
