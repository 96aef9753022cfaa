import type { Device } from '../../../shared/api/devices'
import type { DeviceCapabilities, IsapiClient } from '../../isapi'
import type { DeviceRegistry } from '../device-registry'

/**
 * How long a device's capabilities are trusted without asking again. They do not change between two
 * students, but a firmware update changes them without anyone editing the device here.
 */
export const FACTS_TTL_MS = 5 * 60_000

export interface DeviceFactsOptions {
  ttlMs?: number
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
 * asks a device only whether the student's number is free. An entry is dropped when the device is edited
 * (its stored record no longer matches, e.g. a connection test recorded new firmware), when its address or
 * login changes or it is deleted, when it fails a request, and after `FACTS_TTL_MS`.
 */
export class DeviceFactsCache {
  private readonly entries = new Map<string, Entry>()
  private readonly ttlMs: number
  private readonly now: () => number

  constructor(options: DeviceFactsOptions = {}) {
    this.ttlMs = options.ttlMs ?? FACTS_TTL_MS
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

  /** Forget the device's capabilities; the next registration asks it again. */
  invalidate(deviceId: string): void {
    this.entries.delete(deviceId)
  }

  private dropEntry(deviceId: string, entry: Entry): void {
    if (this.entries.get(deviceId) === entry) this.entries.delete(deviceId)
  }
}

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

const caches = new WeakMap<DeviceRegistry, DeviceFactsCache>()

/** The one cache of a registry, dropping a device's entry whenever the registry reports a change to it. */
export function deviceFactsOf(registry: DeviceRegistry): DeviceFactsCache {
  let cache = caches.get(registry)
  if (!cache) {
    const created = new DeviceFactsCache()
    registry.onChange((deviceId) => created.invalidate(deviceId))
    caches.set(registry, created)
    cache = created
  }
  return cache
}
