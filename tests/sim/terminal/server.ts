import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import {
  TerminalAuth,
  type AuthMode,
  type AuthStats,
  type ChallengeStyle,
  type DigestAlgorithmName,
  type StaleMode,
} from './auth'
import { Activation } from './activation'
import { refuse, type HandlerContext, type SimRequest } from './context'
import { deviceError } from './error-table'
import { FaultBook, faultResponse, mislabel, writeHuge, type Fault, type FaultOptions } from './faults'
import { jsonError, type SimResponse } from './format'
import { hostsFromXml } from './handlers/hosts'
import { deviceInfoJson, notFound } from './handlers/system'
import { loadProfile, type ModelId, type ModelProfile } from './profiles'
import { resolve, type OpName } from './routes'
import { demoUsers, initialState, type SeedUser, type TerminalState } from './state'

export interface TerminalOptions {
  /** which captured device to be; default `ds-k1t342mwx` */
  model?: ModelId
  /** loopback only; default 127.0.0.1 */
  host?: string
  /** 0 (default) picks a free port */
  port?: number
  username?: string
  password?: string
  /** `digest` (RFC 7616, qop=auth), `digest-no-qop` (RFC 2069), `basic` (old firmware) or `none` */
  auth?: AuthMode
  algorithm?: DigestAlgorithmName
  challengeStyle?: ChallengeStyle
  offerBasic?: boolean
  /** requests one nonce may sign; default 2 (DS-K1T342MWX V4.48.40 refuses the 3rd use) */
  nonceUses?: number
  nonceTtlMs?: number
  /** what a spent nonce gets: `plain-401` (no challenge, no stale; the KV6124) or `stale-flag` */
  staleMode?: StaleMode
  spentNonceCountsAsFailure?: boolean
  /** 5 failures lock the account for 1800 s (`Security/illegalLoginLock`); `false` disables */
  lockout?: { maxFailures?: number; lockSeconds?: number; extendOnAttempt?: boolean } | false
  /** how many people and faces fit; default the model's `maxRecordNum` */
  capacity?: { users?: number; faces?: number }
  /** bigger face pictures are refused; default 200 KB */
  maxFaceBytes?: number
  /**
   * PUT httpHosts clears every slot the list leaves out. No capture shows what list-only firmware does with
   * them; this is the harsher reading, for proving that a list write carries every slot in use.
   */
  httpHostsListReplaces?: boolean
  /**
   * What the terminal does after a network write gives it a new static address: `move` re-listens there
   * (same port; any 127.x address works on loopback), `vanish` stops answering anywhere (a terminal lost
   * on a wrong subnet). Default `move`.
   */
  afterAddressChange?: 'move' | 'vanish'
  /** milliseconds each operation takes once the login passed; `default` for the rest */
  latency?: Partial<Record<OpName | 'default', number>>
  /** a second request while one runs: `wait` for the slot (what terminals do) or get `deviceBusy` */
  concurrency?: 'wait' | 'busy'
  /** people already on the device: a number of demo people, or a list */
  seedUsers?: number | SeedUser[]
  /** start from what an earlier run remembered (people, faces, hosts, clock) instead of a new device */
  state?: TerminalState
  /** `false`: fresh out of the box, no admin password until activated (default true) */
  activated?: boolean
  /** scheme://host:port the device writes into faceURL; default its own address */
  faceUrlOrigin?: string
  /** the unit's serial number; by default each simulated terminal gets its own */
  serialNumber?: string
  /** answer deviceInfo as `{"DeviceInfo":{…}}` JSON instead of XML */
  jsonDeviceInfo?: boolean
  /** start with the clock this many seconds off */
  clockDriftSec?: number
  timeZone?: string
  /** a clock for nonce lifetime and the lock; default Date.now */
  now?: () => number
}

export interface RequestLogEntry {
  method: string
  url: string
  op: OpName
  status: number
  /** what the request carried */
  auth: 'none' | 'digest' | 'basic' | 'other'
  /** the Digest nonce count it used, for accepted Digest requests with qop */
  nc?: number
  startedAt: number
  finishedAt?: number
}

export interface TerminalStats extends AuthStats {
  /** every HTTP request that reached the device */
  requests: number
  byOp: Partial<Record<OpName, number>>
  /** requests being served or waiting for the slot now */
  inFlight: number
  /** the most requests that were at the device at once */
  maxConcurrent: number
  log: RequestLogEntry[]
}

export interface Terminal {
  readonly url: string
  readonly host: string
  readonly port: number
  readonly username: string
  password: string
  readonly profile: ModelProfile
  readonly state: TerminalState
  readonly stats: TerminalStats
  /** seconds until the account unlocks; 0 when unlocked */
  readonly lockRemainingSec: number
  setFault(op: OpName | '*', fault: Fault, opts?: FaultOptions): void
  clearFaults(): void
  setLatency(op: OpName | 'default', ms: number): void
  /** `true`/`'refuse'`: connections are refused; `'blackhole'`: accepted and never answered; `false`: back */
  setOffline(mode: boolean | 'refuse' | 'blackhole'): Promise<void>
  /** whether the device has its admin password yet */
  readonly activated: boolean
  /** ends a lockout, as the admin would on the device */
  unlock(): void
  /** changes the login on the device (an admin changed the password behind the proxy's back) */
  setPassword(password: string): void
  /** appends an access event (serialNo and time are filled in when missing) */
  addEvent(event: Record<string, unknown>): Record<string, unknown>
  resetStats(): void
  close(): Promise<void>
}

/** The device's single request slot, FIFO; a waiter that hangs up leaves the line. */
class Slot {
  private busy = false
  private readonly waiting: Array<() => void> = []

  get taken(): boolean {
    return this.busy
  }

  acquire(gone: Promise<void>): Promise<(() => void) | undefined> {
    const release = () => {
      const next = this.waiting.shift()
      if (next) next()
      else this.busy = false
    }
    if (!this.busy) {
      this.busy = true
      return Promise.resolve(once(release))
    }
    return new Promise((resolve) => {
      const start = () => resolve(once(release))
      this.waiting.push(start)
      void gone.then(() => {
        const index = this.waiting.indexOf(start)
        if (index >= 0) {
          this.waiting.splice(index, 1)
          resolve(undefined)
        }
      })
    })
  }
}

function once(fn: () => void): () => void {
  let done = false
  return () => {
    if (!done) {
      done = true
      fn()
    }
  }
}

const MAX_REQUEST_BYTES = 10 * 1024 * 1024

let units = 0

/**
 * Each simulated terminal is its own unit with its own serial number (the model's captured serial with a
 * unit number in place of its masked tail), unless a test gives one: two entries for one unit share it.
 */
function ownUnit(profile: ModelProfile, serialNumber: string | undefined): ModelProfile {
  units += 1
  const unit = String(units).padStart(8, '0')
  const serial = (found: string) => serialNumber ?? found.replace(/X{8}$/, unit)
  return {
    ...profile,
    deviceInfoXml: profile.deviceInfoXml.replace(
      /<serialNumber>([^<]*)<\/serialNumber>/,
      (_all, found: string) => `<serialNumber>${serial(found)}</serialNumber>`,
    ),
  }
}

/** Starts a simulated face terminal on loopback. */
export async function startTerminal(options: TerminalOptions = {}): Promise<Terminal> {
  const profile = ownUnit(loadProfile(options.model ?? 'ds-k1t342mwx'), options.serialNumber)
  const now = options.now ?? (() => Date.now())
  const username = options.username ?? 'admin'
  const password = options.password ?? 'Admin12345'
  const lockout = options.lockout === false ? { maxFailures: 0 } : (options.lockout ?? {})
  const auth = new TerminalAuth({
    mode: options.auth ?? 'digest',
    username,
    password,
    algorithm: options.algorithm ?? 'MD5',
    challengeStyle: options.challengeStyle ?? 'terminal',
    offerBasic: options.offerBasic ?? false,
    nonceUses: options.nonceUses ?? 2,
    nonceTtlMs: options.nonceTtlMs ?? 30_000,
    staleMode: options.staleMode ?? 'plain-401',
    spentNonceCountsAsFailure: options.spentNonceCountsAsFailure ?? true,
    maxFailures: lockout.maxFailures ?? 5,
    lockSeconds: lockout.lockSeconds ?? 1800,
    extendLockOnAttempt: lockout.extendOnAttempt ?? true,
    realm: `DS-${profile.id.slice(3, 11).toUpperCase().replace(/-/g, '')}`,
    now,
  })
  const seed =
    typeof options.seedUsers === 'number' ? demoUsers(options.seedUsers) : (options.seedUsers ?? [])
  let host = options.host ?? '127.0.0.1'
  const hosts = hostsFromXml(profile.httpHostsXml).map((slot, index) =>
    // SANTANA's slot 1: eventMode all, heartbeat 30, on a model whose capabilities offer a subscription
    profile.eventTypes && index === 0
      ? { ...slot, subscribeEvent: { heartbeat: 30, eventMode: 'all' as const, types: [] } }
      : slot,
  )
  const state = options.state ?? initialState(profile, seed, hosts, host)
  if (!options.state) state.clock.offsetMs = (options.clockDriftSec ?? 0) * 1000
  if (options.timeZone) state.clock.timeZone = options.timeZone
  const capacity = {
    users: options.capacity?.users ?? profile.maxUsers,
    faces: options.capacity?.faces ?? profile.maxFaces,
  }
  const latency: Partial<Record<OpName | 'default', number>> = { ...options.latency }
  const faults = new FaultBook()
  const slot = new Slot()
  const activation = new Activation(options.activated ?? true, (next) => terminal.setPassword(next), username)
  const sockets = new Set<Socket>()
  const counters = { requests: 0, byOp: {} as Partial<Record<OpName, number>>, inFlight: 0, maxConcurrent: 0 }
  let log: RequestLogEntry[] = []
  let offline: false | 'refuse' | 'blackhole' = false
  let port = options.port ?? 0

  const server: Server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    void serve(req, res).catch(() => res.destroy())
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      op: 'unknown',
      status: 0,
      auth: authKind(req.headers.authorization),
      startedAt: Date.now(),
    }
    counters.requests++
    counters.inFlight++
    counters.maxConcurrent = Math.max(counters.maxConcurrent, counters.inFlight)
    log.push(entry)
    const gone = new Promise<void>((resolve) => res.once('close', resolve))
    void gone.then(() => {
      counters.inFlight--
      entry.finishedAt = Date.now()
    })
    if (offline === 'blackhole') return
    const body = await readBody(req)
    if (!body) return
    if (options.concurrency === 'busy' && slot.taken) {
      entry.status = 503
      return send(res, jsonError(deviceError('deviceBusy'), 503))
    }
    const release = await slot.acquire(gone)
    if (!release) return
    void gone.then(release)
    await answer(req, res, entry, body)
  }

  async function answer(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, body: Buffer) {
    const url = req.url ?? '/'
    const parsed = new URL(url, 'http://device')
    const request: SimRequest = {
      method: req.method ?? 'GET',
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body,
    }
    const route = resolve(request.method, request.path)
    entry.op = route.op
    counters.byOp[route.op] = (counters.byOp[route.op] ?? 0) + 1
    const ctx: HandlerContext = {
      req: request,
      state,
      profile,
      capacity,
      maxFaceBytes: options.maxFaceBytes ?? 200 * 1024,
      httpHostsListReplaces: options.httpHostsListReplaces ?? false,
      now,
      origin: options.faceUrlOrigin ?? `http://${host}:${port}`,
    }
    const early = faults.take(route.op, 'before-auth', request.method)
    if (early) return applyFault(early, ctx, req, res, entry)
    const unsigned = activation.answer(request)
    if (unsigned) {
      entry.status = unsigned.status
      return send(res, unsigned)
    }
    const verdict = auth.check(request.method, url, req.headers.authorization)
    if (!verdict.ok) {
      entry.status = verdict.response.status
      return send(res, verdict.response)
    }
    if (verdict.nc !== undefined) entry.nc = verdict.nc
    await sleep(latency[route.op] ?? latency.default ?? 0)
    const fault = faults.take(route.op, 'after-auth', request.method)
    if (fault && fault.kind !== 'not-applied') return applyFault(fault, ctx, req, res, entry)
    const response = await handle(route, ctx, fault?.kind === 'not-applied')
    entry.status = response.status
    send(res, response)
    if (state.network.addressingType === 'static' && state.network.ipAddress !== host) {
      res.once('finish', () => void relocate(state.network.ipAddress))
    }
  }

  /** Drops every connection and listens again at the new address, as a terminal does after a network write. */
  async function relocate(next: string): Promise<void> {
    for (const socket of sockets) socket.destroy()
    if (offline !== 'refuse') await new Promise<void>((resolve) => server.close(() => resolve()))
    offline = 'refuse'
    if (options.afterAddressChange === 'vanish') return
    try {
      await listen(server, port, next)
      host = next
      offline = false
    } catch {
      // an address loopback cannot take: the terminal is gone, as on a wrong subnet
    }
  }

  async function handle(
    route: ReturnType<typeof resolve>,
    ctx: HandlerContext,
    discard: boolean,
  ): Promise<SimResponse> {
    if (route.wrongMethod === 'notFound') return notFound
    if (route.wrongMethod) return refuse(ctx, 'methodNotAllowed', 'methodNotAllowed', 405)
    if (!route.handler) {
      // the K1A340 answered a wrong ISAPI path with invalidID and HTTP 400
      return ctx.req.path.startsWith('/ISAPI/') ? refuse(ctx, 'invalidID', 'invalidID', 400) : notFound
    }
    const handler = route.op === 'deviceInfo' && options.jsonDeviceInfo ? deviceInfoJson : route.handler
    if (!discard) return handler(ctx)
    const saved = snapshot(state)
    const response = await handler(ctx)
    restore(state, saved)
    return response
  }

  async function applyFault(
    fault: Fault,
    ctx: HandlerContext,
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
  ) {
    switch (fault.kind) {
      case 'hang':
        return
      case 'drop':
        req.socket.destroy()
        return
      case 'not-http':
        req.socket.end('SSH-2.0-OpenSSH_8.4\r\n\u0000\u0001garbage that is not HTTP\r\n\r\n')
        return
      case 'huge':
        entry.status = 200
        return writeHuge(res, fault.bytes ?? 8 * 1024 * 1024)
      case 'drop-mid-body': {
        const response = await handle(resolve(ctx.req.method, ctx.req.path), ctx, false)
        res.writeHead(response.status, {
          'Content-Type': response.contentType,
          'Content-Length': String(response.body.length),
        })
        res.write(response.body.subarray(0, Math.max(1, Math.floor(response.body.length / 2))))
        setTimeout(() => req.socket.destroy(), 20)
        return
      }
      case 'wrong-content-type': {
        const response = mislabel(await handle(resolve(ctx.req.method, ctx.req.path), ctx, false))
        entry.status = response.status
        return send(res, response)
      }
      default: {
        const response = faultResponse(fault, ctx)
        if (!response) return
        entry.status = response.status
        return send(res, response)
      }
    }
  }

  await listen(server, port, host)
  port = (server.address() as { port: number }).port

  const terminal: Terminal = {
    get url() {
      return `http://${host}:${port}`
    },
    get host() {
      return host
    },
    get port() {
      return port
    },
    username,
    password,
    profile,
    state,
    get stats(): TerminalStats {
      return { ...counters, ...auth.stats, log }
    },
    get lockRemainingSec() {
      return auth.lockRemainingSec
    },
    get activated() {
      return activation.activated
    },
    setFault: (op, fault, opts) => faults.set(op, fault, opts),
    clearFaults: () => faults.clear(),
    setLatency(op, ms) {
      latency[op] = ms
    },
    async setOffline(mode) {
      const next = mode === true ? 'refuse' : mode
      if (next === offline) return
      if (offline === 'refuse') await listen(server, port, host)
      offline = next
      if (next === 'refuse') {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        for (const socket of sockets) socket.destroy()
        await closed
      }
    },
    unlock: () => auth.unlock(),
    setPassword(next) {
      auth.opts.password = next
      terminal.password = next
    },
    addEvent(event) {
      const last = state.events.at(-1)
      const serialNo = typeof last?.serialNo === 'number' ? last.serialNo + 1 : 1
      const full = {
        major: 5,
        minor: 75,
        time: new Date(now()).toISOString().slice(0, 19) + '+00:00',
        serialNo,
        ...event,
      }
      state.events.push(full)
      return full
    },
    resetStats() {
      counters.requests = 0
      counters.byOp = {}
      counters.maxConcurrent = counters.inFlight
      log = []
      for (const key of Object.keys(auth.stats) as Array<keyof AuthStats>) auth.stats[key] = 0
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      if (offline !== 'refuse') await new Promise<void>((resolve) => server.close(() => resolve()))
      offline = 'refuse'
    },
  }
  return terminal
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function authKind(header: string | undefined): RequestLogEntry['auth'] {
  if (!header) return 'none'
  if (/^digest /i.test(header)) return 'digest'
  if (/^basic /i.test(header)) return 'basic'
  return 'other'
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > MAX_REQUEST_BYTES) {
        req.socket.destroy()
        return undefined
      }
      chunks.push(chunk as Buffer)
    }
  } catch {
    return undefined
  }
  return Buffer.concat(chunks)
}

function send(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed || res.headersSent) return
  res.writeHead(response.status, {
    Server: 'webs',
    'Content-Type': response.contentType,
    'Content-Length': String(response.body.length),
    ...response.headers,
  })
  res.end(response.body)
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}

interface Snapshot {
  users: TerminalState['users']
  faces: TerminalState['faces']
  events: TerminalState['events']
  httpHosts: TerminalState['httpHosts']
  clock: TerminalState['clock']
  nextPictureNo: number
  ntpServers: TerminalState['ntpServers']
  network: TerminalState['network']
  doorParam: TerminalState['doorParam']
  cardReader: TerminalState['cardReader']
  faceRecognizeMode: TerminalState['faceRecognizeMode']
}

function snapshot(state: TerminalState): Snapshot {
  return {
    users: new Map(state.users),
    faces: new Map(state.faces),
    events: [...state.events],
    httpHosts: [...state.httpHosts],
    clock: { ...state.clock },
    nextPictureNo: state.nextPictureNo,
    ntpServers: state.ntpServers.map((server) => ({ ...server })),
    network: { ...state.network },
    doorParam: state.doorParam && { ...state.doorParam },
    cardReader: state.cardReader && structuredClone(state.cardReader),
    faceRecognizeMode: state.faceRecognizeMode && { ...state.faceRecognizeMode },
  }
}

/** Puts the saved contents back into the same containers, so references held by tests stay valid. */
function restore(state: TerminalState, saved: Snapshot): void {
  state.users.clear()
  for (const [k, v] of saved.users) state.users.set(k, v)
  state.faces.clear()
  for (const [k, v] of saved.faces) state.faces.set(k, v)
  state.events.splice(0, state.events.length, ...saved.events)
  state.httpHosts = saved.httpHosts
  state.clock = saved.clock
  state.nextPictureNo = saved.nextPictureNo
  state.ntpServers = saved.ntpServers
  state.network = saved.network
  state.doorParam = saved.doorParam
  state.cardReader = saved.cardReader
  state.faceRecognizeMode = saved.faceRecognizeMode
}
