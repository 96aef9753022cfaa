import type { Device } from '../../../shared/api/devices'
import type { DeviceCapabilities, IsapiClient } from '../../isapi'
import type { DeviceRegistry } from '../device-registry'

/**
 * How long a device's capabilities are trusted without asking again. They do not change between two
 * students, but a firmware update changes them without anyone editing the device here.
 */
export const FACTS_TTL_MS = 5 * 60_000

/**
 * How long a number the device just said it does not hold is taken as free without asking again: long
 * enough for the next student of a queue or a class, far shorter than anyone takes to add a person by hand.
 */
export const FREE_NUMBER_TTL_MS = 5_000

export interface DeviceFactsOptions {
  ttlMs?: number
  freeNumberTtlMs?: number
  /** a clock, for tests */
  now?: () => number
}

interface Entry {
  fingerprint: string
  fetchedAt: number
  caps: Promise<DeviceCapabilities>
}

/**
 * What each device can do (name limit, Modify, FDSetUp), kept between registrations so that the pre-flight
 * asks a device only whether the student's number is free; and the number a device said it does not hold,
 * asked ahead by the read-back of the student before, so that in a run of students it is not asked twice.
 * What is kept of a device is dropped when the device is edited (its stored record no longer matches, e.g.
 * a connection test recorded new firmware), when its address or login changes or it is deleted, when it
 * fails a request, and after `FACTS_TTL_MS` (capabilities) or `FREE_NUMBER_TTL_MS` (a free number).
 */
export class DeviceFactsCache {
  private readonly entries = new Map<string, Entry>()
  /** per device, the last number it answered it does not hold, and when */
  private readonly freeNumbers = new Map<string, { employeeNo: string; at: number }>()
  /** per device, the number a write under way will ask about in its read-back, settled once it has */
  private readonly asking = new Map<string, { employeeNo: string; settled: Promise<void> }>()
  private readonly ttlMs: number
  private readonly freeNumberTtlMs: number
  private readonly now: () => number

  constructor(options: DeviceFactsOptions = {}) {
    this.ttlMs = options.ttlMs ?? FACTS_TTL_MS
    this.freeNumberTtlMs = options.freeNumberTtlMs ?? FREE_NUMBER_TTL_MS
    this.now = options.now ?? Date.now
  }

  /** The device's capabilities: the kept ones while still valid, else asked again (one request at a time). */
  capabilities(device: Device, client: IsapiClient): Promise<DeviceCapabilities> {
    const fingerprint = fingerprintOf(device)
    const kept = this.entries.get(device.id)
    if (kept && kept.fingerprint === fingerprint && this.now() - kept.fetchedAt < this.ttlMs) return kept.caps
    // `refresh`: the client keeps its own copy for as long as it lives, which may be stale by now
    const entry: Entry = { fingerprint, fetchedAt: this.now(), caps: client.capabilities({ refresh: true }) }
    this.entries.set(device.id, entry)
    entry.caps.catch(() => this.dropEntry(device.id, entry))
    return entry.caps
  }

  /** The device has just answered that it holds nobody under this number. */
  noteFree(deviceId: string, employeeNo: string): void {
    this.freeNumbers.set(deviceId, { employeeNo, at: this.now() })
  }

  /** Did the device say, within `FREE_NUMBER_TTL_MS`, that it holds nobody under this number? */
  knownFree(deviceId: string, employeeNo: string): boolean {
    const note = this.freeNumbers.get(deviceId)
    return note?.employeeNo === employeeNo && this.now() - note.at < this.freeNumberTtlMs
  }

  /**
   * A write under way on the device will ask about this number in its read-back (the number the next
   * student gets). Until that write has settled, a pre-flight for the number waits for its answer instead
   * of asking the device beside it: the device serves one request at a time, so asking twice costs time.
   */
  askingAhead(deviceId: string, employeeNo: string, write: Promise<unknown>): void {
    const entry = { employeeNo, settled: write.then(noop, noop) }
    this.asking.set(deviceId, entry)
    void entry.settled.then(() => {
      if (this.asking.get(deviceId) === entry) this.asking.delete(deviceId)
    })
  }

  /** Resolves once no write under way on the device is still to ask about this number. */
  answered(deviceId: string, employeeNo: string): Promise<void> {
    const entry = this.asking.get(deviceId)
    return entry?.employeeNo === employeeNo ? entry.settled : Promise.resolve()
  }

  /** Forget what is kept of the device; the next registration asks it again. */
  invalidate(deviceId: string): void {
    this.entries.delete(deviceId)
    this.freeNumbers.delete(deviceId)
  }

  private dropEntry(deviceId: string, entry: Entry): void {
    if (this.entries.get(deviceId) === entry) this.entries.delete(deviceId)
  }
}

function noop(): void {}

/** Every stored field an edit or a connection test can change; `lastSeenAt` is left out on purpose. */
function fingerprintOf(device: Device): string {
  return JSON.stringify([
    device.name,
    device.host,
    device.port,
    device.scheme,
    device.username,
    device.credentialsExpiresAt,
    device.deviceId,
    device.model,
    device.firmware,
    device.backendId,
    device.direction ?? null,
  ])
}

/** A registry's cache, dropping a device's entry whenever the registry reports a change to it. */
export function deviceFactsOf(registry: Pick<DeviceRegistry, 'onChange'>): DeviceFactsCache {
  const cache = new DeviceFactsCache()
  registry.onChange((deviceId) => cache.invalidate(deviceId))
  return cache
}
