// One list decides who may call what: the route declarations in shared/api/routes. Every route in it is tried here
// against the real app (in process, real SQLite, simulated terminals on loopback), so a route added without
// a guard, or with the guard after its own validation or lookup, fails here.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { ROUTES, type RouteDeclaration as RouteDoc } from '../../../shared/api/routes'
import { loadConfig } from '../../../proxy/config'
import { createApi } from '../../../proxy/http/api'
import type { AppEnv } from '../../../proxy/http/context'
import { createLogger } from '../../../proxy/log'
import { createServices, type Services } from '../../../proxy/services'
import { openMemoryDatabase, type Db } from '../../../proxy/store/db'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { eventually, photo } from '../registration/rig'

const ADMIN_ENV_TOKEN = `roles-test-admin-${randomUUID()}`
const dataDir = mkdtempSync(join(tmpdir(), 'sr-roles-'))

interface World {
  app: Hono<AppEnv>
  db: Db
  services: Services
  terminals: Terminal[]
  /** a screen paired with an admin code, and one with an operator code */
  adminToken: string
  operatorToken: string
  /** real ids, so a route's own 404 cannot pass for its guard */
  ids: Record<string, string>
  employeeNo: string
  deviceIds: [string, string]
}

let world: World

beforeAll(async () => {
  const terminals = await Promise.all([
    startTerminal({ seedUsers: [{ employeeNo: '4000000001', name: 'Aziza Karimova', withFace: true }] }),
    startTerminal(),
  ])
  const config = loadConfig({
    SR_DATA_DIR: dataDir,
    SR_ADMIN_TOKEN: ADMIN_ENV_TOKEN,
    SR_TLS: 'off',
    SR_DEVICE_NETS: '127.0.0.0/8',
  })
  const db = openMemoryDatabase()
  const logger = createLogger('silent')
  const services = createServices(config, db, logger)
  const app = createApi({ config, db, logger, version: 'test', distDir: null, caPem: null, services })
  const pairAs = (role: 'admin' | 'operator', name: string) => {
    const paired = services.pairing.pair(services.pairing.issueCode(role).code, name)
    if (!paired) throw new Error(`pairing as ${role} failed`)
    return paired
  }
  const admin = pairAs('admin', 'Direktor planshet')
  const operator = pairAs('operator', 'Kirish planshet')
  const spare = pairAs('operator', 'Eski telefon')
  world = {
    app,
    db,
    services,
    terminals,
    adminToken: admin.token,
    operatorToken: operator.token,
    ids: { tokens: spare.tokenId },
    employeeNo: '',
    deviceIds: ['', ''],
  }

  const devices = []
  for (const [i, terminal] of terminals.entries()) {
    const added = await call('POST', '/api/devices', world.adminToken, {
      name: `Kirish ${i + 1}`,
      host: terminal.host,
      port: terminal.port,
      username: terminal.username,
      password: terminal.password,
    })
    expect(added.status, JSON.stringify(added.body)).toBe(201)
    devices.push(added.body as { id: string })
  }
  world.deviceIds = [devices[0]!.id, devices[1]!.id]
  world.ids.devices = world.deviceIds[0]

  const registered = await call('POST', '/api/registrations', world.adminToken, {
    clientId: randomUUID(),
    student: { firstName: 'Bekzod', lastName: 'Rahimov' },
    face: (await photo(480, 640)).toString('base64'),
    deviceIds: [world.deviceIds[0]],
  })
  expect(registered.status, JSON.stringify(registered.body)).toBe(201)
  world.employeeNo = (registered.body as { employeeNo: string }).employeeNo

  const job = await call('POST', '/api/jobs', world.adminToken, {
    type: 'clone-device-to-device',
    sourceDeviceId: world.deviceIds[0],
    targetDeviceId: world.deviceIds[1],
  })
  expect(job.status, JSON.stringify(job.body)).toBe(202)
  world.ids.jobs = (job.body as { id: string }).id
  await eventually(async () => {
    const state = (await call('GET', `/api/jobs/${world.ids.jobs}`, world.adminToken)).body as {
      state: string
    }
    return ['done', 'failed', 'cancelled'].includes(state.state)
  }, 'the clone job to finish')

  // anything else a route's `:id` may name (outbox reports, audit entries, imports…): the first the admin sees
  for (const segment of new Set(ROUTES.map((route) => idSegment(route.path)).filter(Boolean))) {
    const name = segment as string
    if (world.ids[name]) continue
    const found = firstId((await call('GET', `/api/${name}`, world.adminToken)).body)
    if (found) world.ids[name] = found
  }
}, 120_000)

afterAll(async () => {
  await Promise.all(world?.terminals.map((terminal) => terminal.close()) ?? [])
  world?.db.close()
  rmSync(dataDir, { recursive: true, force: true })
})

interface Answer {
  status: number
  body: unknown
}

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await world.app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) return { status: response.status, body: await response.json() }
  // an event stream or a file: the status is what counts here
  await response.body?.cancel()
  return { status: response.status, body: null }
}

/** The collection a route's first `:id` belongs to: `/api/devices/:id/time` → `devices`. */
function idSegment(path: string): string | undefined {
  return /^\/api\/([\w-]+)\/:id\b/.exec(path)?.[1]
}

function firstId(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstId(item)
      if (found) return found
    }
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  if (typeof record.id === 'string' || typeof record.id === 'number') return String(record.id)
  for (const nested of Object.values(record)) {
    if (typeof nested === 'object') {
      const found = firstId(nested)
      if (found) return found
    }
  }
  return undefined
}

const key = (route: RouteDoc) => `${route.method} ${route.path}`

/** The route's path with real ids in it (or ids nobody has, for the "guard comes first" check). */
function fill(route: RouteDoc, real: boolean): string {
  const path = route.path.replace(/:(\w+)/g, (_, param: string) => {
    if (!real) return param === 'employeeNo' ? '9999999999' : 'no-such-id'
    if (param === 'employeeNo') return world.employeeNo
    return world.ids[idSegment(route.path) ?? ''] ?? 'plausible-1'
  })
  if (key(route) === 'DELETE /api/registrations/:employeeNo') return `${path}?deviceIds=${world.deviceIds[0]}`
  return path
}

/** A body that would really change something if the route let the caller through. */
function validBody(route: RouteDoc): unknown {
  const [a, b] = world.deviceIds
  const bodies: Record<string, unknown> = {
    'POST /api/devices': {
      name: 'Operator qoʻshgan',
      host: world.terminals[1]!.host,
      port: world.terminals[1]!.port,
      username: world.terminals[1]!.username,
      password: world.terminals[1]!.password,
    },
    'PATCH /api/devices/:id': { name: 'Operator oʻzgartirgan', password: 'operator-guess' },
    'POST /api/pairing-codes': { role: 'admin' },
    'PATCH /api/tokens/:id': { name: 'Operator oʻzgartirgan' },
    'POST /api/jobs': { type: 'clone-device-to-device', sourceDeviceId: a, targetDeviceId: b },
    'POST /api/classes': { name: '5-A', gradeLevel: 5 },
  }
  if (key(route) in bodies) return bodies[key(route)]
  return route.method === 'GET' || route.method === 'DELETE' ? undefined : {}
}

/** Garbage a route would refuse with 400 if it read it before asking who calls. */
function garbageBody(route: RouteDoc): unknown {
  return route.method === 'GET' || route.method === 'DELETE' ? undefined : { nonsense: [1, 2, 3] }
}

/** Everything a request could have changed: every table (the audit trail aside) and every terminal. */
function snapshot(): string {
  const tables = world.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>
  const rows: Record<string, unknown> = {}
  for (const { name } of tables) {
    // a refused attempt may well be written down; being written down is not a change it made
    if (/audit/i.test(name)) continue
    const all = world.db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>
    // authenticating stamps the caller's token as used; that is the only write a refused call may cause
    rows[name] = name === 'tokens' ? all.map(({ last_used_at: _used, ...rest }) => rest) : all
  }
  const devices = world.terminals.map((terminal) => ({
    requests: terminal.stats.requests,
    users: [...terminal.state.users.entries()],
    faces: [...terminal.state.faces.keys()],
    httpHosts: terminal.state.httpHosts,
    clock: terminal.state.clock,
  }))
  return JSON.stringify({ rows, devices })
}

function isForbidden(answer: Answer): boolean {
  const error = (answer.body as { error?: { code?: string } } | null)?.error
  return answer.status === 403 && error?.code === 'forbidden'
}

/** "METHOD /path" of every API route the real app mounts (middleware entries and duplicates left out). */
function mountedRoutes(): string[] {
  const routes = world.app.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path}`)
  return [...new Set(routes)].sort()
}

const adminRoutes = ROUTES.filter((route) => route.access === 'admin')
const tokenRoutes = ROUTES.filter((route) => route.access === 'token')
const guardedRoutes = ROUTES.filter((route) => route.access !== 'public')

describe('roles: the route table is the whole API', () => {
  it('lists every route the app mounts, and no route the app does not mount', () => {
    expect(ROUTES.map(key).sort()).toEqual(mountedRoutes())
  })

  it('names each route once, as public, token or admin', () => {
    expect(new Set(ROUTES.map(key)).size).toBe(ROUTES.length)
    for (const route of ROUTES) expect(['public', 'token', 'admin'], key(route)).toContain(route.access)
  })

  it('lets an operator change only what its work needs: every other changing route is admin', () => {
    const operatorWork = new Set([
      // enroll and edit students (dropping a device is refused inside), and their photos
      'POST /api/registrations',
      'PUT /api/registrations/:employeeNo',
      'POST /api/students/:id/photo',
      // a student saved to the school server alone, as the old desktop app let the secretary do
      'POST /api/students',
      // the queue: send what the proxy owes the backend
      'POST /api/outbox/flush',
      'POST /api/outbox/:id/retry',
      // the Check page's fixes: they write only the proxy's clock and the backend's URLs
      'POST /api/devices/:id/test',
      'POST /api/devices/:id/time/sync',
      'POST /api/devices/:id/webhook/apply',
      'POST /api/webhooks/apply',
      // live check, and its fix that writes what a student is missing
      'POST /api/live-check',
      'POST /api/live-check/fix',
      // the screen's own school-server account: each screen signs itself in and out, no other
      'POST /api/school-account/sign-in',
      'POST /api/school-account/sign-out',
    ])
    const changing = ROUTES.filter((route) => route.method !== 'GET' && route.access === 'token')
    expect(changing.map(key).filter((route) => !operatorWork.has(route))).toEqual([])
  })

  it('keeps the admin-only list honest: tokens, pairing codes, device changes and clone jobs are in it', () => {
    const admin = new Set(adminRoutes.map(key))
    for (const must of [
      'POST /api/pairing-codes',
      'GET /api/tokens',
      'PATCH /api/tokens/:id',
      'DELETE /api/tokens/:id',
      'POST /api/devices',
      'PATCH /api/devices/:id',
      'DELETE /api/devices/:id',
      'DELETE /api/devices/:id/users/:employeeNo',
      'DELETE /api/registrations/:employeeNo',
      'POST /api/jobs',
      'POST /api/jobs/:id/cancel',
    ]) {
      expect(admin, must).toContain(must)
    }
  })
})

describe('roles: an operator screen', () => {
  it.each(adminRoutes.map((route) => [key(route), route] as const))(
    '%s refuses it with 403 forbidden, before reading ids or body, and changes nothing',
    async (_, route) => {
      const before = snapshot()
      const real = await call(route.method, fill(route, true), world.operatorToken, validBody(route))
      expect(isForbidden(real), `${key(route)} answered ${real.status} ${JSON.stringify(real.body)}`).toBe(
        true,
      )
      const made = await call(route.method, fill(route, false), world.operatorToken, garbageBody(route))
      expect(isForbidden(made), `${key(route)} answered ${made.status} ${JSON.stringify(made.body)}`).toBe(
        true,
      )
      expect(snapshot()).toBe(before)
    },
  )

  it('may edit a student and add devices, but not drop one the student is on (that is a removal)', async () => {
    const [, b] = world.deviceIds
    const path = `/api/registrations/${world.employeeNo}`
    const before = snapshot()
    const dropped = await call('PUT', path, world.operatorToken, { deviceIds: [b] })
    expect(isForbidden(dropped), JSON.stringify(dropped.body)).toBe(true)
    expect(snapshot()).toBe(before)

    // without deviceIds the edit reaches every terminal the student is on, whoever put them there
    const kept = await call('PUT', path, world.operatorToken, { student: { firstName: 'Bekzodjon' } })
    expect(kept.status, JSON.stringify(kept.body)).toBe(200)
  })

  it.each(tokenRoutes.map((route) => [key(route), route] as const))(
    '%s is open to it (not 403)',
    async (_, route) => {
      const answer = await call(route.method, fill(route, true), world.operatorToken, validBody(route))
      expect(answer.status, `${key(route)} answered ${JSON.stringify(answer.body)}`).not.toBe(403)
      expect(answer.status).not.toBe(401)
    },
  )
})

describe('roles: without a token', () => {
  it.each(guardedRoutes.map((route) => [key(route), route] as const))('%s answers 401', async (_, route) => {
    const answer = await call(route.method, fill(route, true), null, garbageBody(route))
    expect(answer.status).toBe(401)
    expect((answer.body as { error: { code: string } }).error.code).toBe('unauthorized')
  })
})

// Last: these really do what they say (remove devices, revoke the spare token…).
describe('roles: an admin screen', () => {
  it.each(adminRoutes.map((route) => [key(route), route] as const))(
    '%s is open to it (not 403)',
    async (_, route) => {
      const answer = await call(route.method, fill(route, true), world.adminToken, validBody(route))
      expect(answer.status, `${key(route)} answered ${JSON.stringify(answer.body)}`).not.toBe(403)
      expect(answer.status).not.toBe(401)
    },
  )
})
