import type { Device } from '../../../shared/api/devices'
import type { AccessEvent, IsapiClient } from '../../isapi'
import type { EventsRepo } from '../../store/events-repo'
import type { ClientSource, DeviceSource } from '../device-source'
import { terminalKey, type EventIntake } from './event-intake'
import { schoolDay } from './school-day'
import { followRun } from './terminal-log'

export interface LogSearchDeps {
  repo: EventsRepo
  devices: DeviceSource
  clients: ClientSource
  intake: Pick<EventIntake, 'found'>
  timeZone: string
  now?: () => number
  /** told after a pass moved a terminal's watermark */
  onChanged?: () => void
}

export interface SearchOutcome {
  deviceId: string
  found: number
  pages: number
  error?: string
}

// The firmware's upper bound for serial windows (research/isapi.md §5.4).
const LAST_SERIAL = 3_000_000_000
const PAGE = 30

/**
 * Reads a terminal's own log (`AcsEvent`) for what push missed: from the last serialNo known without a gap
 * to the end, page by page (a terminal holds tens of thousands; only the window past the cursor is read).
 * A terminal searched for the first time starts at the school's midnight, and its newest serial becomes
 * the cursor. When a pass reaches the end, everything the terminal recorded before the pass began is in:
 * its watermark moves to that instant.
 */
export class LogSearch {
  private readonly now: () => number
  private readonly running = new Map<string, Promise<SearchOutcome>>()

  constructor(private readonly deps: LogSearchDeps) {
    this.now = deps.now ?? Date.now
  }

  /** One pass over one terminal; a pass already under way is joined rather than doubled. */
  search(deviceId: string): Promise<SearchOutcome> {
    let pass = this.running.get(deviceId)
    if (!pass) {
      pass = this.pass(deviceId).finally(() => this.running.delete(deviceId))
      this.running.set(deviceId, pass)
    }
    return pass
  }

  private async pass(deviceId: string): Promise<SearchOutcome> {
    const { repo } = this.deps
    const startedAt = this.now()
    const outcome: SearchOutcome = { deviceId, found: 0, pages: 0 }
    try {
      const device = this.deps.devices.get(deviceId)
      const row = repo.ensureTerminal(device.id, terminalKey(device))
      const client = this.deps.clients.get(deviceId)
      let cursor = row.contiguousSerial
      if (cursor === null) cursor = await this.firstCursor(client, device, outcome)
      let highest = cursor
      let position = 0
      for (;;) {
        const page = await client.searchEvents({
          position,
          max: PAGE,
          beginSerialNo: cursor + 1,
          endSerialNo: LAST_SERIAL,
        })
        outcome.pages++
        highest = Math.max(highest, this.take(device, page.events, outcome))
        position += page.events.length
        if (page.status !== 'MORE' || page.events.length === 0) break
      }
      const current = repo.terminal(device.id) ?? row
      repo.updateTerminal(device.id, {
        contiguousSerial: Math.max(current.contiguousSerial ?? 0, highest),
        watermarkMs: Math.max(current.watermarkMs, startedAt),
        lastReconciledAt: new Date(this.now()).toISOString(),
        reconcileError: null,
      })
      followRun(repo, repo.terminal(device.id) ?? current)
    } catch (error) {
      outcome.error = (error as Error).message
      try {
        repo.updateTerminal(deviceId, { reconcileError: outcome.error })
      } catch {
        // the store itself is gone (closing): the outcome still says what happened
      }
    } finally {
      this.deps.onChanged?.()
    }
    return outcome
  }

  /**
   * No cursor yet: the newest serial there is becomes the cursor, and today's events (from midnight) are
   * read by time. Firmware that refuses a time range (the DS-K1T341AM) starts at the newest serial alone.
   */
  private async firstCursor(client: IsapiClient, device: Device, outcome: SearchOutcome): Promise<number> {
    const newest = await client.searchEvents({ position: 0, max: 1, timeReverseOrder: true })
    outcome.pages++
    const top = newest.events[0]?.serialNo ?? 0
    const { startText } = schoolDay(this.now(), this.deps.timeZone)
    let position = 0
    try {
      for (;;) {
        const page = await client.searchEvents({ position, max: PAGE, startTime: startText })
        outcome.pages++
        this.take(device, page.events, outcome)
        position += page.events.length
        if (page.status !== 'MORE' || page.events.length === 0) break
      }
    } catch {
      // the time range is refused: what came before the newest serial stays history
    }
    return top
  }

  private take(device: Device, events: readonly AccessEvent[], outcome: SearchOutcome): number {
    let highest = 0
    for (const event of events) {
      if (event.serialNo === undefined || Number.isNaN(Date.parse(event.time))) continue
      highest = Math.max(highest, event.serialNo)
      if (this.deps.intake.found(device, { ...event, serialNo: event.serialNo })) outcome.found++
    }
    return highest
  }
}
