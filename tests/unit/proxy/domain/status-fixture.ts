import { afterEach } from 'vitest'
import { createBackendClient } from '../../../../proxy/backend/client'
import { createDeviceChecks, type DeviceChecks } from '../../../../proxy/domain/device-checks'
import type { DeviceSource } from '../../../../proxy/domain/device-source'
import { createIsapiClient, type IsapiClient } from '../../../../proxy/isapi'
import { openMemoryDatabase } from '../../../../proxy/store/db'
import { SettingsRepo } from '../../../../proxy/store/settings-repo'
import type { Device } from '../../../../shared/api/devices'
import { AppError } from '../../../../shared/errors'
import { startBackend, type SimBackend } from '../../../sim/backend'
import { startTerminal, type Terminal, type TerminalOptions } from '../../../sim/terminal'

const open: Array<{ close(): Promise<void> }> = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()))
})

export async function terminal(options: TerminalOptions = {}): Promise<Terminal> {
  const t = await startTerminal(options)
  open.push(t)
  return t
}

export async function backend(): Promise<SimBackend> {
  const b = await startBackend()
  open.push(b)
  return b
}

/** The registry as the use cases see it, over simulated terminals; `expire` makes a login stale. */
export class FakeDevices implements DeviceSource {
  private readonly devices = new Map<string, Device>()
  private readonly clients = new Map<string, IsapiClient>()
  readonly expired = new Set<string>()
  readonly seen: string[] = []

  add(id: string, t: Terminal, extra: Partial<Device> = {}): Device {
    const device: Device = {
      id,
      name: `Terminal ${id}`,
      host: t.host,
      port: t.port,
      scheme: 'http',
      username: t.username,
      hasPassword: true,
      credentialsExpiresAt: '2099-01-01T00:00:00.000Z',
      deviceId: null,
      backendId: null,
      ...extra,
    }
    this.devices.set(id, device)
    const client = createIsapiClient({
      host: t.host,
      port: t.port,
      scheme: 'http',
      username: t.username,
      password: t.password,
      timeouts: { connectMs: 1_000 },
    })
    this.clients.set(id, client)
    open.push(client)
    return device
  }

  update(id: string, changes: Partial<Device>): void {
    this.devices.set(id, { ...this.get(id), ...changes })
  }

  list(): Device[] {
    return [...this.devices.values()]
  }

  get(id: string): Device {
    const device = this.devices.get(id)
    if (!device) throw new AppError('not_found', `No device with id ${id}`)
    return device
  }

  client(id: string): IsapiClient {
    const client = this.clients.get(id)
    if (!client) throw new AppError('not_found', `No device with id ${id}`)
    if (this.expired.has(id)) throw new AppError('credentials_expired', 'The password is too old')
    return client
  }

  recordSeen(id: string): void {
    this.seen.push(id)
  }
}

export interface RigOptions {
  backend?: SimBackend | null
  timeZone?: string
  cacheMs?: number
  budgetMs?: number
  answerMs?: number
  now?: () => number
}

export interface Rig {
  devices: FakeDevices
  checks: DeviceChecks
  settings: SettingsRepo
}

/** The check use cases over fake registry + real ISAPI clients + real SQLite settings (+ a backend). */
export function rig(options: RigOptions = {}): Rig {
  const devices = new FakeDevices()
  const settings = new SettingsRepo(openMemoryDatabase())
  const sim = options.backend ?? null
  const backendClient = sim
    ? createBackendClient({
        baseUrl: sim.url,
        schoolId: sim.schoolId,
        email: sim.credentials.admin.email,
        password: sim.credentials.admin.password,
        timeoutMs: 10_000,
      })
    : null
  const checks = createDeviceChecks({
    config: { timeZone: options.timeZone ?? 'Asia/Tashkent' },
    devices,
    clients: { get: (id) => devices.client(id) },
    settings,
    backend: backendClient,
    ...(options.cacheMs !== undefined ? { cacheMs: options.cacheMs } : {}),
    // the product's 3 s per device is for phones on a quiet LAN; beside a CPU hog a healthy simulator may
    // need longer, so tests that are not about the budget get a generous one
    budgetMs: options.budgetMs ?? 20_000,
    ...(options.answerMs !== undefined ? { answerMs: options.answerMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  })
  return { devices, checks, settings }
}

/** The AppError a promise rejects with. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    return error
  }
  throw new Error('expected the call to fail')
}

/** What the backend simulator hands out for a direction, with its base URL in front. */
export function webhookUrl(b: SimBackend, direction: 'in' | 'out'): string {
  const school = b.state.schools.get(b.schoolId)
  const secret = direction === 'in' ? school?.webhookSecretIn : school?.webhookSecretOut
  return `${b.url}/webhook/${b.schoolId}/${direction}?secret=${secret}`
}
