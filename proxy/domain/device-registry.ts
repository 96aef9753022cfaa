import { randomUUID } from 'node:crypto'
import type { Device, DeviceCreate, DevicePatch } from '../../shared/api/devices'
import { AppError } from '../../shared/errors'
import type { LoginBudget } from '../isapi'
import { canonicalAddress, type AllowedHosts } from '../net/allowed-hosts'
import type { DeviceRow, DevicesRepo } from '../store/devices-repo'
import type { SecretBox } from '../store/secrets'

/** Device passwords are treated as expiring: a school rotates them, and a stale one locks the terminal. */
export const CREDENTIALS_LIFETIME_DAYS = 30

/** What it takes to speak to one device; lives only in memory, never in a response or a log line. */
export interface DeviceTarget {
  id: string
  host: string
  port: number
  scheme: 'http' | 'https'
  username: string
  password: string
  /** the admin allowed Basic for this device; otherwise only Digest is ever sent */
  allowBasic: boolean
}

export interface DeviceRegistryDeps {
  repo: DevicesRepo
  /** a SecretBox, or anything that seals and opens the same way (e.g. one made on first use) */
  secrets: Pick<SecretBox, 'seal' | 'open'>
  allowedHosts: AllowedHosts
  now?: () => Date
}

export type DeviceChangeListener = (deviceId: string) => void

/** The registry of terminals: validation, the network fence, encryption at rest and credential expiry. */
export class DeviceRegistry {
  private readonly now: () => Date
  private readonly listeners: DeviceChangeListener[] = []

  constructor(private readonly deps: DeviceRegistryDeps) {
    this.now = deps.now ?? (() => new Date())
  }

  /** Called when a device's address or credentials change, so cached connections can be dropped. */
  onChange(listener: DeviceChangeListener): void {
    this.listeners.push(listener)
  }

  list(): Device[] {
    return this.deps.repo.list().map(toPublic)
  }

  get(id: string): Device {
    return toPublic(this.row(id))
  }

  has(id: string): boolean {
    return this.deps.repo.get(id) !== undefined
  }

  async create(input: DeviceCreate): Promise<Device> {
    const scheme = input.scheme ?? 'http'
    const port = input.port ?? (scheme === 'https' ? 443 : 80)
    await this.refuseSameTerminal(input.host, port)
    const now = this.now()
    const row: DeviceRow = {
      id: randomUUID(),
      name: input.name,
      host: input.host,
      port,
      scheme,
      username: input.username,
      passwordSealed: this.deps.secrets.seal(input.password),
      credentialsExpiresAt: expiryFrom(now),
      deviceId: null,
      backendId: input.backendId ?? null,
      direction: input.direction ?? null,
      model: null,
      firmware: null,
      authScheme: null,
      allowBasic: input.allowBasic ?? false,
      loginRefusedAt: null,
      lockedUntil: null,
      lastSeenAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    }
    this.deps.repo.insert(row)
    return toPublic(row)
  }

  async update(id: string, patch: DevicePatch): Promise<Device> {
    const current = this.row(id)
    const host = patch.host ?? current.host
    const scheme = patch.scheme ?? current.scheme
    const port = patch.port ?? current.port
    if (patch.host !== undefined || port !== current.port) await this.refuseSameTerminal(host, port, id)
    const now = this.now()
    const changes: Partial<DeviceRow> = { updatedAt: now.toISOString(), host, port, scheme }
    if (patch.name !== undefined) changes.name = patch.name
    if (patch.username !== undefined) changes.username = patch.username
    if (patch.backendId !== undefined) changes.backendId = patch.backendId
    if (patch.direction !== undefined) changes.direction = patch.direction
    const addressChanged = host !== current.host || port !== current.port || scheme !== current.scheme
    // A new address may be another listener: Basic is allowed again only if the admin says so again.
    if (addressChanged) changes.allowBasic = patch.allowBasic ?? false
    else if (patch.allowBasic !== undefined) changes.allowBasic = patch.allowBasic
    if (patch.password !== undefined) {
      changes.passwordSealed = this.deps.secrets.seal(patch.password)
      changes.credentialsExpiresAt = expiryFrom(now)
    }
    // new credentials or another address: the refused login was about the old ones
    if (patch.password !== undefined || patch.username !== undefined || addressChanged) {
      changes.loginRefusedAt = null
    }
    this.deps.repo.update(id, changes)
    const connectionChanged =
      patch.password !== undefined ||
      patch.username !== undefined ||
      host !== current.host ||
      port !== current.port
    const basicChanged = changes.allowBasic !== undefined && changes.allowBasic !== current.allowBasic
    if (connectionChanged || scheme !== current.scheme || basicChanged) {
      this.listeners.forEach((listener) => listener(id))
    }
    return this.get(id)
  }

  delete(id: string): void {
    if (!this.deps.repo.delete(id)) throw notFound(id)
    this.listeners.forEach((listener) => listener(id))
  }

  /**
   * The device's address and password, for speaking to it now. Expired credentials are refused before any
   * packet is sent: a guessed-at stale password is what locks a terminal for half an hour.
   */
  target(id: string): DeviceTarget {
    const row = this.row(id)
    if (Date.parse(row.credentialsExpiresAt) <= this.now().getTime()) {
      throw new AppError(
        'credentials_expired',
        `The password of "${row.name}" is older than ${CREDENTIALS_LIFETIME_DAYS} days; enter it again`,
        { details: { deviceId: id } },
      )
    }
    return {
      id,
      host: row.host,
      port: row.port,
      scheme: row.scheme,
      username: row.username,
      password: this.deps.secrets.open(row.passwordSealed),
      allowBasic: row.allowBasic,
    }
  }

  /** The device's login budget as stored (one per device, across every path and restart). */
  loginBudget(id: string): LoginBudget {
    const row = this.row(id)
    return {
      refused: row.loginRefusedAt !== null,
      lockedUntilMs: row.lockedUntil ? Date.parse(row.lockedUntil) : 0,
    }
  }

  recordLoginRefused(id: string): void {
    if (this.deps.repo.get(id)) this.deps.repo.update(id, { loginRefusedAt: this.now().toISOString() })
  }

  recordLocked(id: string, untilMs: number): void {
    if (this.deps.repo.get(id)) this.deps.repo.update(id, { lockedUntil: new Date(untilMs).toISOString() })
  }

  recordUnlocked(id: string): void {
    if (this.deps.repo.get(id)) this.deps.repo.update(id, { lockedUntil: null })
  }

  /** An admin asks for one more login with the stored credentials. */
  forgetRefusedLogin(id: string): void {
    this.row(id)
    this.deps.repo.update(id, { loginRefusedAt: null })
  }

  /**
   * The device answered a Digest login: from now on a Basic challenge from it is a downgrade, refused
   * until the admin allows Basic again.
   */
  recordDigest(id: string): void {
    const row = this.deps.repo.get(id)
    if (!row || (row.authScheme === 'digest' && !row.allowBasic)) return
    this.deps.repo.update(id, { authScheme: 'digest', allowBasic: false })
  }

  /** Remembers what a successful connection test learned about the device. */
  recordSeen(
    id: string,
    seen: { deviceId?: string; model?: string; firmware?: string; authScheme?: 'digest' | 'basic' },
  ): Device {
    const row = this.row(id)
    // the serial names the unit whatever address reached it: a second entry for it is refused
    const twin = seen.deviceId
      ? this.deps.repo.list().find((other) => other.id !== id && other.deviceId === seen.deviceId)
      : undefined
    if (twin) {
      throw new AppError(
        'conflict',
        `This terminal (serial ${seen.deviceId}) is already registered as "${twin.name}"; remove this entry`,
        { details: { reason: 'same_terminal', deviceId: twin.id, name: twin.name } },
      )
    }
    this.deps.repo.update(id, {
      deviceId: seen.deviceId ?? row.deviceId,
      model: seen.model ?? row.model,
      firmware: seen.firmware ?? row.firmware,
      authScheme: seen.authScheme ?? row.authScheme,
      ...(seen.authScheme === 'digest' ? { allowBasic: false } : {}),
      lastSeenAt: this.now().toISOString(),
    })
    return this.get(id)
  }

  private row(id: string): DeviceRow {
    const row = this.deps.repo.get(id)
    if (!row) throw notFound(id)
    return row
  }

  /**
   * Checks the address against the allowed networks and refuses it when another entry reaches the same
   * terminal: the same port on any of the same addresses after resolution, however the host is spelled.
   */
  private async refuseSameTerminal(host: string, port: number, exceptId?: string): Promise<void> {
    const addresses = new Set(await this.deps.allowedHosts.canonical(host))
    for (const other of this.deps.repo.list()) {
      if (other.id === exceptId || other.port !== port) continue
      const theirs = await this.deps.allowedHosts
        .canonical(other.host)
        .catch(() => [canonicalAddress(other.host)])
      if (theirs.some((address) => addresses.has(address))) {
        throw new AppError(
          'conflict',
          `${host}:${port} is the terminal already registered as "${other.name}"`,
          {
            field: 'host',
            details: { reason: 'same_terminal', deviceId: other.id, name: other.name },
          },
        )
      }
    }
  }
}

function expiryFrom(now: Date): string {
  return new Date(now.getTime() + CREDENTIALS_LIFETIME_DAYS * 86_400_000).toISOString()
}

function notFound(id: string): AppError {
  return new AppError('not_found', `No device with id ${id}`)
}

export function toPublic(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    scheme: row.scheme,
    username: row.username,
    hasPassword: row.passwordSealed.length > 0,
    allowBasic: row.allowBasic,
    credentialsExpiresAt: row.credentialsExpiresAt,
    deviceId: row.deviceId,
    backendId: row.backendId,
    ...(row.direction ? { direction: row.direction } : {}),
    model: row.model,
    firmware: row.firmware,
    lastSeenAt: row.lastSeenAt,
  }
}
