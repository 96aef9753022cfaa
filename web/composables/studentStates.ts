import type { StudentListItem, TerminalPresence, TerminalState as ProxyTerminalState } from '../../shared/api'

/** A student's state on one terminal, as the list and the sheet show it. */
export const TERMINAL_STATES = ['present', 'no_face', 'missing', 'failed', 'pending', 'unknown'] as const
export type TerminalState = (typeof TERMINAL_STATES)[number]

export interface TerminalCell {
  /** the terminal's id in the proxy, or the school server's device id when the proxy does not know it */
  key: string
  name: string
  state: TerminalState
  /** when this was last known (ISO time); null when nobody can say */
  at: string | null
  /** why a write failed, as the terminal or the school server said it */
  reason: string | null
  /** how old this knowledge was when the proxy answered, in seconds; null when nobody can say */
  ageSec: number | null
}

const FROM_PROXY: Record<TerminalPresence, TerminalState> = {
  present: 'present',
  no_face: 'no_face',
  absent: 'missing',
  failed: 'failed',
  unknown: 'unknown',
}

/** What the proxy last knew of the student on each of its terminals, in its one terminal order. */
export function terminalCells(terminals: readonly ProxyTerminalState[]): TerminalCell[] {
  return terminals.map((terminal) => ({
    key: terminal.deviceId,
    name: terminal.deviceName,
    state: FROM_PROXY[terminal.state],
    at: terminal.at,
    reason: terminal.error?.code ?? null,
    ageSec: terminal.ageSec,
  }))
}

/** The proxy's states when it has terminals, the school server's records for a proxy without any. */
export function studentCells(student: StudentListItem): TerminalCell[] {
  return student.terminals.length > 0 ? terminalCells(student.terminals) : backendCells(student)
}

/** The oldest knowledge among these cells, in seconds: what "how old is this" means for a screenful. */
export function oldestAge(cells: readonly TerminalCell[]): number | null {
  const ages = cells.flatMap((cell) => (cell.ageSec === null ? [] : [cell.ageSec]))
  return ages.length === 0 ? null : Math.max(...ages)
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
    ageSec: null,
  }))
}

/** Worst first: what needs the secretary comes to the top when the list is sorted by state. */
const RANK: Record<TerminalState, number> = {
  failed: 0,
  no_face: 1,
  missing: 2,
  pending: 3,
  unknown: 4,
  present: 5,
}

export function worstState(cells: readonly TerminalCell[]): TerminalState {
  return cells.reduce<TerminalState>(
    (worst, cell) => (RANK[cell.state] < RANK[worst] ? cell.state : worst),
    'present',
  )
}

export const stateRank = (state: TerminalState) => RANK[state]
