import { randomBytes } from 'node:crypto'
import type { LookupFunction } from 'node:net'
import type { Agent } from 'undici'
import { AppError } from '../../shared/errors'
import {
  basicAuthorization,
  chooseAuth,
  digestAuthorization,
  parseChallenges,
  type AuthOffer,
  type DigestChallenge,
} from './digest'
import { deviceAuthFailed, deviceBadResponse, deviceLocked, deviceUnreachable } from './errors'
import { readLoginStatus, type RawAnswer } from './parse'

export interface TransportTarget {
  host: string
  port: number
  scheme: 'http' | 'https'
  username: string
  password: string
  /** Basic may be sent when the device offers nothing else; without it only Digest is ever sent */
  allowBasic?: boolean
}

export interface TransportOptions {
  connectTimeoutMs: number
  /** how many requests one nonce may sign; real terminals accept 2–3 */
  nonceUses: number
  /** a nonce older than this is not reused (devices embed the issue time and expire it) */
  nonceMaxAgeMs: number
  /** an unauthenticated GET that answers with a challenge, used instead of re-sending big bodies */
  challengePath: string
  /** bodies up to this size are sent once without credentials to learn the challenge */
  probeBodyBytes: number
  now: () => number
  /** resolves the device's hostname for the socket itself (net.connect's `lookup`); the system's by default */
  lookup?: LookupFunction
  /** told once the device has asked for Digest, so a later Basic challenge is known as a downgrade */
  onDigest?: () => void
  /** the login budget as kept across clients and restarts: what was known when this transport was made */
  budget?: LoginBudget
  /** told when a login with these credentials is finally refused, and when the device reports a lock */
  onLoginRefused?: () => void
  onLocked?: (untilMs: number) => void
  /** told when a device remembered as locked answers an unauthenticated probe without a lock */
  onUnlocked?: () => void
}

/** One budget per device, shared by every path that logs in (tests, background work, restarts). */
export interface LoginBudget {
  /** a login with these very credentials was refused: nothing is sent with them until they change */
  refused: boolean
  /** the device reported its account locked until then (ms since the epoch); 0 when not */
  lockedUntilMs: number
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
  connectTimeoutMs: 3_000,
  nonceUses: 2,
  nonceMaxAgeMs: 15_000,
  challengePath: '/ISAPI/System/deviceInfo',
  probeBodyBytes: 16 * 1024,
  now: () => Date.now(),
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** path plus query, exactly as it goes on the wire (the Digest `uri`) */
  path: string
  /** always bytes, so the very same body can be sent again after a 401 */
  body?: Uint8Array
  contentType?: string
  /** answers bigger than this are refused as `device_bad_response` */
  maxBytes: number
}

/** The time budget of one operation; `timedOut` tells our timeout from the caller's own abort. */
export interface Deadline {
  signal: AbortSignal
  timeoutMs: number
  timedOut: () => boolean
}

export interface HttpAnswer extends RawAnswer {
  headers: Record<string, string | string[] | undefined>
}

export interface TransportStats {
  /** every HTTP exchange, 401s included */
  requests: number
  /** 401 challenges to requests that carried no credentials */
  challenges: number
  /** 401 answers to requests that carried credentials */
  authFailures: number
}

export type AuthScheme = 'digest' | 'basic' | 'none'

type AuthState =
  | { kind: 'unknown' }
  | { kind: 'none' }
  | { kind: 'basic'; op: number }
  | { kind: 'digest'; challenge: DigestChallenge; uses: number; obtainedAt: number; op: number }

interface Attempt {
  header?: string
  /** credentials from an earlier exchange (reused nonce, remembered Basic): one re-challenge is allowed */
  preemptive: boolean
  /** which use of the nonce this is (nc) */
  use: number
}

/** A device remembered as locked is probed (unauthenticated) at most this often. */
const LOCK_PROBE_MS = 30_000

/** A lock the device reported without saying for how long: its documented maximum. */
const DEFAULT_LOCK_SEC = 1800

/**
 * HTTP to one device: its socket, its Digest state and its lock bookkeeping. One instance per device, used
 * one operation at a time (the client's queue guarantees it), so `nc` never races.
 *
 * Failed logins are rationed because terminals lock the account after ~5 of them for up to 30 minutes:
 * a reused nonce that is refused gets one fresh challenge and one retry; a fresh nonce that is refused is
 * final, and then nothing more is sent with these credentials until `resetAuth()` (a person asking again)
 * or new credentials (a new transport).
 */
export class Transport {
  readonly stats: TransportStats = { requests: 0, challenges: 0, authFailures: 0 }
  /** undici is loaded with the first request: a proxy that speaks to no device yet does not carry it */
  private agent: Promise<Agent> | undefined
  private readonly origin: string
  private state: AuthState = { kind: 'unknown' }
  private nonceLimit: number
  private offeredDigest = false
  private authFailed = false
  private lockedUntil = 0
  private lockProbedAt = Number.NEGATIVE_INFINITY
  private opSeq = 0

  constructor(
    private readonly target: TransportTarget,
    private readonly opts: TransportOptions = DEFAULT_TRANSPORT_OPTIONS,
  ) {
    const host = target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host
    this.origin = `${target.scheme}://${host}:${target.port}`
    this.nonceLimit = Math.max(1, opts.nonceUses)
    this.authFailed = opts.budget?.refused ?? false
    this.lockedUntil = opts.budget?.lockedUntilMs ?? 0
  }

  /** Resolves once the HTTP client is loaded (the first call loads it). */
  async ready(): Promise<void> {
    await this.dispatcher()
  }

  private dispatcher(): Promise<Agent> {
    const { connectTimeoutMs } = this.opts
    this.agent ??= import('undici').then(
      ({ Agent }) =>
        new Agent({
          // Terminals use self-signed certificates; the address itself is fenced by the caller.
          connect: {
            timeout: connectTimeoutMs,
            rejectUnauthorized: false,
            ...(this.opts.lookup ? { lookup: this.opts.lookup } : {}),
          },
          // A fresh connection per request, as TIZIM found necessary: a kept-alive socket that the terminal
          // dropped (reboot, idle close) fails the next request as if the device were gone, and a stuck one
          // holds the device's only slot. On a LAN the extra handshake costs about a millisecond.
          // No connection cap here either: one-at-a-time is the queue's job, for whole operations.
          pipelining: 0,
        }),
    )
    return this.agent
  }

  get authScheme(): AuthScheme | null {
    if (this.state.kind === 'unknown') return this.offeredDigest ? 'digest' : null
    return this.state.kind
  }

  /** Forgets a final login failure, so that a person's explicit retry is sent. A device lock stays. */
  resetAuth(): void {
    this.authFailed = false
    this.state = { kind: 'unknown' }
  }

  async close(): Promise<void> {
    if (this.agent) await (await this.agent).close()
  }

  /** Sends one request with authentication. Throws AppError for every failure. */
  async send(req: HttpRequest, deadline: Deadline): Promise<HttpAnswer> {
    await this.refuseWhileBlocked(deadline)
    const op = ++this.opSeq
    let refused = 0
    let challengedBare = false
    for (;;) {
      const attempt = await this.prepare(req, deadline, op)
      if ('answer' in attempt) return attempt.answer
      const answer = await this.exchange(req, attempt.header, deadline)
      if (answer.status !== 401) return answer
      this.throwIfLocked(answer)
      const offer = chooseAuth(parseChallenges(answer.headers['www-authenticate']))
      if (attempt.header === undefined) {
        // A device that needed no login now asks for one: that is a challenge, not a failure.
        if (challengedBare) throw deviceBadResponse(req.path, '401 again after answering the challenge')
        challengedBare = true
        this.stats.challenges++
        this.adopt(offer, op, req.path)
        continue
      }
      refused++
      this.stats.authFailures++
      const stale = offer.kind === 'digest' && offer.challenge.stale
      if (refused >= 2 || !(attempt.preemptive || stale)) {
        this.authFailed = true
        this.opts.onLoginRefused?.()
        throw deviceAuthFailed('wrong user name or password', { endpoint: req.path })
      }
      // A refused reuse: this firmware allows fewer uses of a nonce than we tried. Remember it.
      if (attempt.use > 1) this.nonceLimit = Math.max(1, attempt.use - 1)
      this.adopt(offer, op, req.path)
    }
  }

  private async refuseWhileBlocked(deadline: Deadline): Promise<void> {
    const now = this.opts.now()
    if (now < this.lockedUntil && !(await this.unlockedSince(deadline))) {
      throw deviceLocked(Math.ceil((this.lockedUntil - now) / 1000))
    }
    if (this.authFailed) {
      throw deviceAuthFailed(
        'the last login with these credentials was refused; not trying again by itself',
        {
          remembered: true,
        },
      )
    }
  }

  /**
   * A device remembered as locked may have been unlocked from its own menu, or its lock may be shorter
   * than it said. An unauthenticated GET costs no login and answers the lock state; asked at most every
   * LOCK_PROBE_MS, so a locked device is not flooded either.
   */
  private async unlockedSince(deadline: Deadline): Promise<boolean> {
    const now = this.opts.now()
    if (now - this.lockProbedAt < LOCK_PROBE_MS) return false
    this.lockProbedAt = now
    const answer = await this.exchange(
      { method: 'GET', path: this.opts.challengePath, maxBytes: 64 * 1024 },
      undefined,
      deadline,
    )
    if (answer.status === 401 && readLoginStatus(answer.body)?.locked) return false
    this.lockedUntil = 0
    this.opts.onUnlocked?.()
    return true
  }

  private async prepare(
    req: HttpRequest,
    deadline: Deadline,
    op: number,
  ): Promise<Attempt | { answer: HttpAnswer }> {
    const state = this.state
    if (state.kind === 'none') return { preemptive: false, use: 0 }
    if (state.kind === 'basic') {
      return { header: basicAuthorization(this.target), preemptive: state.op !== op, use: 1 }
    }
    if (state.kind === 'digest' && this.usable(state)) return this.digestAttempt(state, req, op)

    // Learn a fresh challenge with a request that carries no credentials, so it cannot count as a failed
    // login. Small requests are simply sent bare; big ones (face uploads) ask a cheap GET instead.
    const probe: HttpRequest =
      (req.body?.byteLength ?? 0) <= this.opts.probeBodyBytes
        ? req
        : { method: 'GET', path: this.opts.challengePath, maxBytes: 64 * 1024 }
    const answer = await this.exchange(probe, undefined, deadline)
    if (answer.status !== 401) {
      this.state = { kind: 'none' }
      return probe === req ? { answer } : { preemptive: false, use: 0 }
    }
    this.stats.challenges++
    this.throwIfLocked(answer)
    const offer = chooseAuth(parseChallenges(answer.headers['www-authenticate']))
    if (offer.kind === 'none') throw deviceBadResponse(probe.path, '401 without a challenge to answer')
    this.adopt(offer, op, probe.path)
    const fresh = this.state as AuthState
    if (fresh.kind === 'digest') return this.digestAttempt(fresh, req, op)
    return { header: basicAuthorization(this.target), preemptive: false, use: 1 }
  }

  private usable(state: Extract<AuthState, { kind: 'digest' }>): boolean {
    return state.uses < this.nonceLimit && this.opts.now() - state.obtainedAt < this.opts.nonceMaxAgeMs
  }

  private digestAttempt(
    state: Extract<AuthState, { kind: 'digest' }>,
    req: HttpRequest,
    op: number,
  ): Attempt {
    // Count the use before sending: a request that dies on the wire may still have reached the device.
    state.uses += 1
    const header = digestAuthorization(state.challenge, this.target, {
      method: req.method,
      uri: req.path,
      ...(req.body ? { body: req.body } : {}),
      nc: state.uses,
      cnonce: randomBytes(8).toString('hex'),
    })
    return { header, preemptive: state.op !== op || state.uses > 1, use: state.uses }
  }

  private adopt(offer: AuthOffer, op: number, endpoint: string): void {
    switch (offer.kind) {
      case 'digest':
        if (!this.offeredDigest) this.opts.onDigest?.()
        this.offeredDigest = true
        this.state = { kind: 'digest', challenge: offer.challenge, uses: 0, obtainedAt: this.opts.now(), op }
        return
      case 'basic':
        if (this.offeredDigest) {
          this.authFailed = true
          throw deviceAuthFailed(
            'the device asked for Digest before and now only for Basic; not sending the password in Basic',
            { endpoint, reason: 'basic_after_digest' },
          )
        }
        if (!this.target.allowBasic) {
          // nothing was sent with the password, so this is no failed login and blocks nothing
          throw deviceAuthFailed(
            'the device asks for a Basic login, which sends the password readable; allow Basic for this device first',
            { endpoint, reason: 'basic_not_allowed' },
          )
        }
        this.state = { kind: 'basic', op }
        return
      case 'unsupported':
        throw deviceAuthFailed(offer.reason, { endpoint })
      case 'none':
        this.state = { kind: 'unknown' }
    }
  }

  private throwIfLocked(answer: HttpAnswer): void {
    const login = readLoginStatus(answer.body)
    if (!login?.locked) return
    const seconds = login.unlockTimeSec ?? DEFAULT_LOCK_SEC
    this.lockedUntil = this.opts.now() + seconds * 1000
    // just told: the first probe for an early unlock waits its turn
    this.lockProbedAt = this.opts.now()
    this.opts.onLocked?.(this.lockedUntil)
    throw deviceLocked(seconds)
  }

  private async exchange(
    req: HttpRequest,
    authorization: string | undefined,
    deadline: Deadline,
  ): Promise<HttpAnswer> {
    this.stats.requests++
    const headers: Record<string, string> = { accept: '*/*' }
    if (authorization) headers.authorization = authorization
    if (req.body) headers['content-type'] = req.contentType ?? 'application/octet-stream'
    try {
      const agent = await this.dispatcher()
      const res = await agent.request({
        origin: this.origin,
        path: req.path,
        method: req.method,
        headers,
        body: req.body ?? null,
        signal: deadline.signal,
        headersTimeout: deadline.timeoutMs,
        bodyTimeout: deadline.timeoutMs,
      })
      const body = await readLimited(res.body, req.maxBytes, req.path)
      return { status: res.statusCode, headers: res.headers, body }
    } catch (error) {
      throw failure(error, req.path, deadline)
    }
  }
}

async function readLimited(
  body: AsyncIterable<Uint8Array> & { destroy(): void },
  max: number,
  endpoint: string,
) {
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.byteLength
    if (size > max) {
      body.destroy()
      throw deviceBadResponse(endpoint, `answer larger than ${max} bytes`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, size)
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'no connection within the connect timeout',
  UND_ERR_SOCKET: 'connection closed in the middle of the answer',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_DESTROYED: 'connection closed',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'answer stopped arriving',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'answer cut short',
}

function failure(error: unknown, endpoint: string, deadline: Deadline): unknown {
  if (error instanceof AppError) return error
  if (deadline.timedOut())
    return deviceUnreachable(endpoint, `no answer within ${deadline.timeoutMs} ms`, 'timeout')
  if (deadline.signal.aborted) return deadline.signal.reason
  const code = (error as { code?: string }).code ?? ''
  if (code === 'UND_ERR_INVALID_ARG') return error
  if (code.startsWith('HPE_') || (error as Error).name === 'HTTPParserError') {
    return deviceBadResponse(endpoint, 'the answer is not HTTP', { cause: code })
  }
  return deviceUnreachable(endpoint, NETWORK_REASONS[code] ?? (error as Error).message, code || undefined)
}
