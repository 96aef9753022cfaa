import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import type { Device } from '../../../../../shared/api/devices'
import type { Registration, StudentInput } from '../../../../../shared/api/registrations'
import { AppError } from '../../../../../shared/errors'
import { Outbox } from '../../../../../proxy/backend/outbox'
import type { ReportBackend } from '../../../../../proxy/backend/report-kinds'
import { createDomain, type Domain, type DomainOptions } from '../../../../../proxy/domain/domain'
import type { StudentIdLookup } from '../../../../../proxy/domain/registration/employee-numbers'
import { createLogger } from '../../../../../proxy/log'
import { openMemoryDatabase, type Db } from '../../../../../proxy/store/db'
import { createRepositories } from '../../../../../proxy/store/repositories'
import { SecretBox } from '../../../../../proxy/store/secrets'
import { startTerminal, type Terminal, type TerminalOptions } from '../../../../sim/terminal'

/** Simulated terminals on loopback, an in-memory database, and the domain on top, as the proxy wires it. */
export interface SagaRig {
  db: Db
  domain: Domain
  outbox: Outbox
  terminals: Terminal[]
  devices: Device[]
  /** a second domain on the same database: the proxy after a restart */
  restart(options?: Partial<DomainOptions>): Domain
  close(): Promise<void>
}

export interface SagaRigOptions {
  terminals?: TerminalOptions[]
  /** report to this backend (online mode); LAN-only otherwise */
  reportBackend?: ReportBackend
  lookup?: StudentIdLookup | null
  now?: () => Date
  timeouts?: DomainOptions['timeouts']
}

export const SECRETS = SecretBox.withKey(Buffer.alloc(32, 9))

export async function sagaRig(options: SagaRigOptions = {}): Promise<SagaRig> {
  const terminals = await Promise.all((options.terminals ?? [{}, {}, {}]).map((t) => startTerminal(t)))
  const db = openMemoryDatabase()
  const outbox = new Outbox({ db, backend: options.reportBackend ?? null })
  outbox.start()
  const domains: Domain[] = []
  const make = (over: Partial<DomainOptions> = {}) => {
    const domain = createDomain({
      config: { dataDir: '/nonexistent', deviceNets: ['127.0.0.0/8'] },
      repos: createRepositories(db),
      db,
      logger: createLogger('silent'),
      outbox,
      secrets: SECRETS,
      backend: options.lookup ?? null,
      recoveryIntervalMs: 60_000,
      ...(options.now ? { now: options.now } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...over,
    })
    domains.push(domain)
    return domain
  }
  const domain = make()
  const devices: Device[] = []
  for (const [i, terminal] of terminals.entries()) {
    devices.push(
      await domain.registry.create({
        name: `Eshik ${i + 1}`,
        host: terminal.host,
        port: terminal.port,
        username: terminal.username,
        password: terminal.password,
      }),
    )
  }
  return {
    db,
    domain,
    outbox,
    terminals,
    devices,
    restart: make,
    async close() {
      await Promise.all(domains.map((d) => d.stop()))
      await outbox.stop()
      await Promise.all(terminals.map((t) => t.close()))
      db.close()
    },
  }
}

const photos = new Map<number, Promise<Buffer>>()

/** A phone photo (960 × 1280 with noise), made once per test file; `variant` gives a different one. */
export function photo(variant = 0): Promise<Buffer> {
  let made = photos.get(variant)
  if (!made) {
    made = sharp({
      create: {
        width: 960,
        height: 1280,
        channels: 3,
        background: { r: 190 - variant * 40, g: 160, b: 140 + variant * 30 },
        noise: { type: 'gaussian', mean: 128, sigma: 25 },
      },
    })
      .jpeg({ quality: 85 })
      .toBuffer()
    photos.set(variant, made)
  }
  return made
}

export const STUDENT: StudentInput = {
  firstName: 'Oʻtkir',
  lastName: 'Gʻulomov',
  fatherName: 'Anvarovich',
  gender: 'male',
}

/** A registration request for these devices with a fresh clientId. */
export async function request(
  devices: Array<{ id: string }>,
  over: Partial<{ clientId: string; student: Partial<StudentInput>; face: string | Uint8Array }> = {},
): Promise<Record<string, unknown>> {
  return {
    clientId: over.clientId ?? randomUUID(),
    student: { ...STUDENT, ...over.student },
    face: over.face ?? (await photo()).toString('base64'),
    deviceIds: devices.map((d) => d.id),
  }
}

/** The AppError a promise rejects with. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

/** The Registration a failed saga carries under `details`. */
export function detailsOf(error: AppError): Registration {
  return error.extra.details as Registration
}

export function statuses(registration: Registration): string[] {
  return registration.devices.map((d) => d.status)
}

/** What each terminal holds: its people and faces by number. */
export function holdings(terminals: Terminal[]): Array<{ users: string[]; faces: string[] }> {
  return terminals.map((t) => ({ users: [...t.state.users.keys()], faces: [...t.state.faces.keys()] }))
}

export const EMPTY = { users: [], faces: [] }

/** Write requests the terminal accepted past the login (creates, uploads, modifies, deletes). */
export function writesTo(terminal: Terminal): number {
  const writes = [
    'userRecord',
    'userModify',
    'userSetUp',
    'userDelete',
    'faceRecord',
    'faceSetUp',
    'faceDelete',
  ]
  return terminal.stats.log.filter((entry) => writes.includes(entry.op) && entry.auth !== 'none').length
}
