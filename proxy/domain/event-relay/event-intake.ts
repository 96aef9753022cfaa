import type { Device } from '../../../shared/api/devices'
import { AppError } from '../../../shared/errors'
import type { AccessEvent } from '../../isapi'
import type { PushedNotification } from '../../isapi/pushed-event'
import type { EventsRepo, RelaySource, RelayTerminalRow } from '../../store/events-repo'
import type { DeviceSource } from '../device-source'
import type { PictureStore } from './picture-store'
import type { RelayAddress } from './relay-address'
import { fromPush, fromSearch, isAttendance, type RelayedEvent } from './relay-document'
import { followRun, hasNoGap } from './terminal-log'

export interface EventIntakeDeps {
  repo: EventsRepo
  devices: DeviceSource
  address: Pick<RelayAddress, 'matches'>
  pictures: PictureStore
  now?: () => number
  /** pushes per terminal per second allowed in the long run, and the burst above it */
  perSecond?: number
  burst?: number
  /** a terminal silent this long that speaks again "came back": its log is searched for what push lost */
  comeBackAfterMs?: number
  /** told after anything that may let an event go: one stored, a watermark moved */
  onChanged?: () => void
  /** told when a terminal's log needs a search: it came back after silence, or a serialNo was skipped */
  onNeedsSearch?: (deviceId: string) => void
}

export type IntakeResult = 'stored' | 'duplicate' | 'heartbeat' | 'ignored'

/**
 * What terminals post and what searches find, into the relay's store: checked (known terminal, its own
 * secret, not flooding), kept in SQLite before anyone is answered, keyed by terminal serial and serialNo.
 */
export class EventIntake {
  private readonly now: () => number
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(private readonly deps: EventIntakeDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Who is posting: a known device and its own secret, or a stable refusal. */
  authenticate(deviceId: string, secret: string | undefined): Device {
    const device = this.deps.devices.list().find((d) => d.id === deviceId)
    if (!device) {
      throw new AppError('not_found', 'No terminal with this id is registered on the proxy', {
        details: { reason: 'unknown_terminal' },
      })
    }
    if (!this.deps.address.matches(deviceId, secret)) {
      throw new AppError('forbidden', 'Wrong or missing relay secret for this terminal', {
        details: { reason: 'wrong_secret' },
      })
    }
    return device
  }

  /** A token bucket per terminal: a terminal stuck in a loop cannot take the proxy's disk or time. */
  admit(deviceId: string): void {
    const perSecond = this.deps.perSecond ?? 50
    const burst = this.deps.burst ?? 500
    const now = this.now()
    const bucket = this.buckets.get(deviceId) ?? { tokens: burst, at: now }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond)
    bucket.at = now
    this.buckets.set(deviceId, bucket)
    if (bucket.tokens < 1) {
      throw new AppError('rate_limited', 'This terminal posts more events than a terminal can record', {
        retryAfterSec: 1,
        details: { reason: 'flood' },
      })
    }
    bucket.tokens -= 1
  }

  /** A notification the terminal pushed. */
  accept(device: Device, note: PushedNotification): IntakeResult {
    try {
      return this.take(device, note)
    } finally {
      this.deps.onChanged?.()
    }
  }

  private take(device: Device, note: PushedNotification): IntakeResult {
    const row = this.touch(device)
    if (note.kind === 'heartbeat') {
      if (hasNoGap(row)) {
        const at = note.dateTime ? Date.parse(note.dateTime) : this.now()
        const watermarkMs = Math.max(row.watermarkMs, Number.isNaN(at) ? this.now() : at)
        this.deps.repo.updateTerminal(device.id, { watermarkMs })
      }
      return 'heartbeat'
    }
    if (note.kind === 'other') return 'ignored'
    const event = fromPush(note.event, terminalKey(device))
    return this.store(device, row, event, 'push', note.picture) ? 'stored' : 'duplicate'
  }

  /** An event found in the terminal's own log; returns whether it was new. */
  found(device: Device, event: AccessEvent & { serialNo: number }): boolean {
    const row = this.deps.repo.ensureTerminal(device.id, terminalKey(device))
    const stored = this.store(device, row, fromSearch(event, terminalKey(device)), 'search', null)
    if (stored) this.deps.onChanged?.()
    return stored
  }

  private touch(device: Device): RelayTerminalRow {
    const row = this.deps.repo.ensureTerminal(device.id, terminalKey(device))
    const now = this.now()
    const silentFor = row.lastSeenAt ? now - Date.parse(row.lastSeenAt) : Number.POSITIVE_INFINITY
    this.deps.repo.updateTerminal(device.id, { lastSeenAt: new Date(now).toISOString() })
    if (silentFor > (this.deps.comeBackAfterMs ?? 5 * 60_000)) this.deps.onNeedsSearch?.(device.id)
    return row
  }

  private store(
    device: Device,
    row: RelayTerminalRow,
    event: RelayedEvent,
    source: RelaySource,
    picture: Buffer | null,
  ): boolean {
    if (!device.direction) {
      throw new AppError('conflict', 'The terminal has no direction (entrance or exit) on the proxy', {
        details: { reason: 'no_direction' },
      })
    }
    const { repo, pictures } = this.deps
    if (repo.has(row.terminal, event.serialNo)) return false
    const attendance = isAttendance(event)
    const file = attendance && picture ? pictures.save(picture) : null
    const inserted = repo.insert({
      terminal: row.terminal,
      serialNo: event.serialNo,
      deviceId: device.id,
      direction: device.direction,
      eventTime: event.dateTime,
      eventMs: Date.parse(event.dateTime),
      major: event.major,
      minor: event.minor,
      employeeNo: event.employeeNo,
      body: JSON.stringify(event.document),
      picture: file,
      pictureBytes: file && picture ? picture.length : 0,
      source,
      state: attendance ? 'waiting' : 'skipped',
      receivedAt: new Date(this.now()).toISOString(),
    })
    if (!inserted) {
      if (file) pictures.remove(file)
      return false
    }
    if (file && picture) pictures.added(picture.length)
    const latest = repo.terminal(device.id)?.lastEventAt
    if (!latest || Date.parse(latest) < Date.parse(event.dateTime)) {
      repo.updateTerminal(device.id, { lastEventAt: event.dateTime })
    }
    const after = followRun(repo, row)
    if (source === 'push' && after.contiguousSerial !== null && !hasNoGap(after)) {
      this.deps.onNeedsSearch?.(device.id)
    }
    return true
  }
}

/** The key of a terminal's events: its serial when the proxy learned it, else the proxy's own id. */
export function terminalKey(device: Pick<Device, 'id' | 'deviceId'>): string {
  return device.deviceId ?? `device:${device.id}`
}
