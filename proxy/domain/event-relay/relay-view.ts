import type { RelayTerminal, RelayView } from '../../../shared/api/event-relay'
import type { EventsRepo } from '../../store/events-repo'
import type { DeviceSource } from '../device-source'
import type { MergeGate } from './merge-gate'
import type { RelaySender } from './relay-sender'
import { schoolDay } from './school-day'

export interface RelayViewDeps {
  repo: EventsRepo
  devices: DeviceSource
  gate: Pick<MergeGate, 'behind'>
  sender: Pick<RelaySender, 'health'>
  mode: () => RelayView['mode']
  address: string
  timeZone: string
  now?: () => number
}

const REFUSED_SHOWN = 20

/** `GET /api/events/relay`: per terminal what was seen, what waits, what was refused; today per hour. */
export function relayView(deps: RelayViewDeps): RelayView {
  const now = (deps.now ?? Date.now)()
  const counts = new Map(deps.repo.countsByDevice().map((row) => [row.deviceId, row]))
  const logs = new Map(deps.repo.terminals().map((row) => [row.deviceId, row]))
  const behind = new Set(deps.gate.behind(now))
  const terminals = deps.devices.list().map((device): RelayTerminal => {
    const count = counts.get(device.id)
    const log = logs.get(device.id)
    return {
      deviceId: device.id,
      name: device.name,
      direction: device.direction ?? null,
      lastSeenAt: log?.lastSeenAt ?? null,
      lastEventAt: log?.lastEventAt ?? count?.lastEventTime ?? null,
      waiting: count?.waiting ?? 0,
      oldestWaiting: count?.oldestWaiting ?? null,
      delivered: count?.delivered ?? 0,
      refused: count?.refused ? deps.repo.refused(device.id, REFUSED_SHOWN) : [],
      refusedCount: count?.refused ?? 0,
      behind: behind.has(device.id),
      lastSearchedAt: log?.lastReconciledAt ?? null,
      searchError: log?.reconcileError ?? null,
    }
  })
  const day = schoolDay(now, deps.timeZone)
  const perHour = Array.from({ length: 24 }, () => 0)
  for (const { hour, count } of deps.repo.perHour(day.startMs, day.startMs + 24 * 3_600_000)) {
    if (hour >= 0 && hour < 24) perHour[hour] = count
  }
  const health = deps.sender.health()
  return {
    mode: deps.mode(),
    address: deps.address,
    waiting: terminals.reduce((sum, t) => sum + t.waiting, 0),
    holdUntil: health.holdUntil,
    lastError: health.lastError,
    terminals,
    perHour,
  }
}
