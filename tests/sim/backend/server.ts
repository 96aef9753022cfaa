import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { authContext, TokenStore } from './auth'
import type { SimContext } from './context'
import { fastifyError, HttpError, parseJson, readBody, sendJson } from './http-io'
import { Router, type RouteAnswer } from './router'
import { authRoutes } from './routes/auth'
import { classRoutes } from './routes/classes'
import { deviceImportRoutes } from './routes/device-import'
import { deviceRoutes } from './routes/devices'
import { logRoutes } from './routes/logs'
import { provisioningRoutes } from './routes/provisioning'
import { publicRoutes } from './routes/public'
import { studentRoutes } from './routes/students'
import { seedSchool, type SeedOptions, type SeedResult } from './seed'
import { createState, newId, nowIso, type BackendState, type Role } from './state'

/**
 * How the server behaves right now:
 * - `up`: answers normally
 * - `down`: the port is closed (connection refused), open connections are cut
 * - `503`: a gateway's HTML error page
 * - `slow`: answers (and acts) only after `slowMs`, 30 s unless set
 * - `429`: the rate limiter's refusal with `Retry-After`
 * - `garbage`: 200 with an HTML page (a captive portal or a wrong URL)
 * - `reset`: the connection is cut after the request arrives
 */
export type BackendMode = 'up' | 'down' | '503' | 'slow' | '429' | 'garbage' | 'reset'

export interface ModeOptions {
  slowMs?: number
  retryAfterSec?: number
}

export interface SimUser {
  email: string
  password: string
  role: Role
  name: string
}

export interface StartBackendOptions {
  /** 0 (the default) picks a free port */
  port?: number
  schoolId?: string
  schoolName?: string
  /** replaces the default accounts (an admin, a teacher, a guard) */
  users?: SimUser[]
  provisioningToken?: string
  /** login tokens stop working after this long; the real server's never do (null) */
  tokenLifetimeMs?: number | null
  /** the production limit is 200 a minute; off unless set */
  rateLimitPerMinute?: number
  slowMs?: number
  retryAfterSec?: number
  bodyLimitBytes?: number
  seed?: SeedOptions
  /** start from what an earlier run remembered (its accounts, school, students, photos) */
  state?: BackendState
}

export interface RecordedCall {
  method: string
  path: string
  query: Record<string, string>
  /** lower-case names, as received: `idempotency-key`, `x-client-contract-version`, `authorization`, … */
  headers: Record<string, string | string[] | undefined>
  body: unknown
  mode: BackendMode
  at: string
}

export interface SimBackend {
  url: string
  port: number
  schoolId: string
  state: BackendState
  calls: RecordedCall[]
  credentials: { admin: SimUser; teacher: SimUser; guard: SimUser; provisioningToken: string }
  readonly mode: BackendMode
  setMode(mode: BackendMode, options?: ModeOptions): Promise<void>
  /** every login token issued so far stops working (401 "Authorization token expired") */
  expireTokens(): void
  seedSchool(options: SeedOptions): Promise<SeedResult>
  close(): Promise<void>
}

const DEFAULT_USERS: SimUser[] = [
  { email: 'admin@maktab.uz', password: 'Admin#2026', role: 'SCHOOL_ADMIN', name: 'Maktab administratori' },
  { email: 'teacher@maktab.uz', password: 'Teacher#2026', role: 'TEACHER', name: 'Sinf rahbari' },
  { email: 'guard@maktab.uz', password: 'Guard#2026', role: 'GUARD', name: 'Qorovul' },
]

const GATEWAY_PAGE =
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>'
const PORTAL_PAGE = '<!doctype html><html><body><h1>Wi-Fi</h1><p>Please log in to continue.</p></body></html>'

/** A faithful stand-in for the school backend (BACKEND-CONTRACT.md), on 127.0.0.1 over real HTTP. */
export async function startBackend(options: StartBackendOptions = {}): Promise<SimBackend> {
  const schoolId = options.schoolId ?? 'school-1'
  const provisioningToken = options.provisioningToken ?? `prov-${randomBytes(16).toString('hex')}`
  const state = options.state ?? createState()
  const tokens = new TokenStore(options.tokenLifetimeMs ?? null)
  const users = options.users ?? DEFAULT_USERS
  if (!options.state) seedAccounts(state, schoolId, options.schoolName ?? '12-maktab', users)
  const ctx: SimContext = { state, tokens }
  const router = new Router()
  for (const routes of [
    authRoutes,
    classRoutes,
    deviceRoutes,
    provisioningRoutes,
    studentRoutes,
    deviceImportRoutes,
    logRoutes,
    publicRoutes,
  ]) {
    routes(router, ctx)
  }

  const calls: RecordedCall[] = []
  let mode: BackendMode = 'up'
  let slowMs = options.slowMs ?? 30_000
  let retryAfterSec = options.retryAfterSec ?? 30
  const bodyLimit = options.bodyLimitBytes ?? 10 * 1024 * 1024
  const pending = new Set<NodeJS.Timeout>()
  const limiter = options.rateLimitPerMinute ? new FixedWindow(options.rateLimitPerMinute) : null

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    let raw: Buffer
    try {
      raw = await readBody(req, bodyLimit)
    } catch (error) {
      return answerError(res, error)
    }
    const body = safeJson(raw, req.headers['content-type'])
    calls.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body,
      mode,
      at: nowIso(),
    })
    if (mode === 'reset') return req.socket.destroy()
    if (mode === '503') return sendText(res, 503, 'text/html', GATEWAY_PAGE)
    if (mode === 'garbage') return sendText(res, 200, 'text/html', PORTAL_PAGE)
    const refusedFor = mode === '429' ? retryAfterSec : limiter?.take()
    if (refusedFor !== undefined && refusedFor !== null) return tooMany(res, refusedFor)
    if (mode === 'slow') {
      const timer = setTimeout(() => {
        pending.delete(timer)
        void route(req, res, url, raw)
      }, slowMs)
      pending.add(timer)
      return
    }
    await route(req, res, url, raw)
  }

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer) => {
    try {
      const found = router.match(req.method ?? 'GET', url.pathname)
      if (found === null || found === 'method') {
        throw fastifyError(404, 'FST_ERR_NOT_FOUND', `Route ${req.method}:${url.pathname} not found`)
      }
      const isWebhook = url.pathname.startsWith('/webhook/')
      const answer = await found.handler({
        method: req.method ?? 'GET',
        path: url.pathname,
        params: found.params,
        query: url.searchParams,
        headers: req.headers,
        body: isWebhook ? undefined : parseJson(raw, req.headers['content-type']),
        rawBody: raw,
        auth: authContext(req, url.searchParams, state, tokens, provisioningToken),
      })
      send(res, answer)
    } catch (error) {
      answerError(res, error)
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  const port = await listen(server, options.port ?? 0)

  const backend: SimBackend = {
    url: `http://127.0.0.1:${port}`,
    port,
    schoolId,
    state,
    calls,
    credentials: {
      admin: pickUser(users, 'SCHOOL_ADMIN'),
      teacher: pickUser(users, 'TEACHER'),
      guard: pickUser(users, 'GUARD'),
      provisioningToken,
    },
    get mode() {
      return mode
    },
    async setMode(next, modeOptions = {}) {
      slowMs = modeOptions.slowMs ?? slowMs
      retryAfterSec = modeOptions.retryAfterSec ?? retryAfterSec
      if (next === 'down' && server.listening) await stop(server)
      if (next !== 'down' && !server.listening) await listen(server, port)
      mode = next
    },
    expireTokens: () => tokens.expireAll(),
    seedSchool: (seed) => seedSchool(state, schoolId, seed),
    async close() {
      for (const timer of pending) clearTimeout(timer)
      pending.clear()
      if (server.listening) await stop(server)
    },
  }
  if (options.seed) await backend.seedSchool(options.seed)
  return backend
}

function seedAccounts(state: BackendState, schoolId: string, schoolName: string, users: SimUser[]): void {
  state.schools.set(schoolId, {
    id: schoolId,
    name: schoolName,
    address: null,
    webhookSecretIn: randomBytes(12).toString('hex'),
    webhookSecretOut: randomBytes(12).toString('hex'),
  })
  const now = nowIso()
  for (const user of users) {
    const id = newId()
    state.users.set(id, { id, ...user, schoolId, createdAt: now, updatedAt: now })
  }
}

function pickUser(users: SimUser[], role: Role): SimUser {
  return users.find((u) => u.role === role) ?? { email: '', password: '', role, name: '' }
}

function safeJson(raw: Buffer, contentType: string | undefined): unknown {
  try {
    return parseJson(raw, contentType)
  } catch {
    return raw.length > 0 ? raw.toString('utf8') : undefined
  }
}

function send(res: ServerResponse, answer: RouteAnswer): void {
  if ('bytes' in answer) {
    res.writeHead(answer.status ?? 200, {
      'content-type': answer.contentType,
      'content-length': answer.bytes.length,
    })
    res.end(answer.bytes)
    return
  }
  sendJson(res, answer.status ?? 200, answer.json)
}

function answerError(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) return sendJson(res, error.status, error.body)
  sendJson(res, 500, { statusCode: 500, error: 'Internal Server Error', message: String(error) })
}

function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, {
    'content-type': `${contentType}; charset=utf-8`,
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** @fastify/rate-limit's answer. */
function tooMany(res: ServerResponse, retryAfterSec: number): void {
  const body = JSON.stringify({
    statusCode: 429,
    error: 'Too Many Requests',
    message: `Rate limit exceeded, retry in ${retryAfterSec} seconds`,
  })
  res.writeHead(429, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': String(retryAfterSec),
    'x-ratelimit-remaining': '0',
  })
  res.end(body)
}

/** The production limiter: so many requests per minute, counted in fixed one-minute windows. */
class FixedWindow {
  private windowStart = Date.now()
  private count = 0

  constructor(private readonly perMinute: number) {}

  /** null when the request may go ahead, else the seconds until the window turns */
  take(): number | null {
    const now = Date.now()
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now
      this.count = 0
    }
    this.count += 1
    return this.count <= this.perMinute ? null : Math.ceil((this.windowStart + 60_000 - now) / 1000)
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
