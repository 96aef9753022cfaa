import { createHash, randomBytes } from 'node:crypto'
import type { SimResponse } from './format'
import { xmlDocument, xmlFields, xmlResponse } from './format'

/*
 * The terminal's side of the login, written independently of the proxy's client (a simulator built from
 * the client would agree with the client's bugs). Behaviour from research/isapi.md §7.3 and §8.
 */

export type AuthMode = 'digest' | 'digest-no-qop' | 'basic' | 'none'
export type DigestAlgorithmName = 'MD5' | 'MD5-sess' | 'SHA-256'
/** How the challenge header looks, from the captured variants (isapi-fixtures/auth). */
export type ChallengeStyle = 'terminal' | 'nvr' | 'camera' | 'combined'
/** What a device says to a nonce it no longer accepts. */
export type StaleMode = 'plain-401' | 'stale-flag'

export interface AuthOptions {
  mode: AuthMode
  username: string
  /** changeable: an admin may change it on the device */
  password: string
  algorithm: DigestAlgorithmName
  challengeStyle: ChallengeStyle
  /** add a `Basic` challenge next to the Digest one (the NVR and camera styles always do) */
  offerBasic: boolean
  /** how many requests one nonce may sign (a DS-K1T342MWX refuses the 3rd use; a KV6124 took 3) */
  nonceUses: number
  nonceTtlMs: number
  staleMode: StaleMode
  /** whether a refused (spent) nonce counts as a failed login toward the lock */
  spentNonceCountsAsFailure: boolean
  /** failed logins before the lock (`maxIllegalLoginTimes`); 0 disables the lock */
  maxFailures: number
  lockSeconds: number
  /** "the terminal extends the lock on every attempt during it" */
  extendLockOnAttempt: boolean
  realm: string
  now: () => number
}

export interface AuthStats {
  /** 401s sent to requests without credentials */
  challenges: number
  /** credentialed requests refused (wrong password, bad digest, Basic to a Digest device, spent nonce…) */
  failedLogins: number
  /** requests that carried a nonce the device no longer accepts */
  spentNonces: number
  /** requests that carried Basic credentials, accepted or not */
  basicAttempts: number
  /** requests refused because the account was locked */
  lockedRefusals: number
}

export type AuthVerdict =
  { ok: true; scheme: 'digest' | 'basic' | 'none'; nc?: number } | { ok: false; response: SimResponse }

interface NonceRecord {
  issuedAt: number
  uses: number
  lastNc: number
}

const ALGORITHM_HASH: Record<DigestAlgorithmName, string> = {
  MD5: 'md5',
  'MD5-sess': 'md5',
  'SHA-256': 'sha256',
}

export class TerminalAuth {
  readonly stats: AuthStats = {
    challenges: 0,
    failedLogins: 0,
    spentNonces: 0,
    basicAttempts: 0,
    lockedRefusals: 0,
  }
  private readonly nonces = new Map<string, NonceRecord>()
  private failures = 0
  private lockedUntil = 0

  constructor(readonly opts: AuthOptions) {}

  /** Seconds left on the lock, 0 when unlocked. */
  get lockRemainingSec(): number {
    return Math.max(0, Math.ceil((this.lockedUntil - this.opts.now()) / 1000))
  }

  get failedInARow(): number {
    return this.failures
  }

  unlock(): void {
    this.lockedUntil = 0
    this.failures = 0
  }

  /** Decides whether a request may proceed; otherwise gives the device's 401. */
  check(method: string, url: string, authorization: string | undefined): AuthVerdict {
    if (this.opts.mode === 'none') return { ok: true, scheme: 'none' }
    if (this.lockRemainingSec > 0) {
      if (authorization) {
        this.stats.lockedRefusals++
        if (this.opts.extendLockOnAttempt) this.lockedUntil = this.opts.now() + this.opts.lockSeconds * 1000
      } else {
        this.stats.challenges++
      }
      return { ok: false, response: this.lockedAnswer() }
    }
    if (!authorization) {
      this.stats.challenges++
      return { ok: false, response: this.unauthorized(plainUserCheck()) }
    }
    if (/^basic /i.test(authorization)) return this.checkBasic(authorization)
    if (/^digest /i.test(authorization)) return this.checkDigest(method, url, authorization)
    return this.fail()
  }

  private checkBasic(authorization: string): AuthVerdict {
    this.stats.basicAttempts++
    // Access terminals are digest-only: "Basic Authentication — Always returned 401", and it still counts.
    if (this.opts.mode !== 'basic') return this.fail()
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const ok =
      colon > 0 &&
      decoded.slice(0, colon) === this.opts.username &&
      decoded.slice(colon + 1) === this.opts.password
    return ok ? this.succeed('basic') : this.fail()
  }

  private checkDigest(method: string, url: string, authorization: string): AuthVerdict {
    if (this.opts.mode === 'basic') return this.fail()
    const p = parseParams(authorization.slice(7))
    const record = p.nonce !== undefined ? this.nonces.get(p.nonce) : undefined
    const now = this.opts.now()
    if (!record || record.uses >= this.opts.nonceUses || now - record.issuedAt > this.opts.nonceTtlMs) {
      return this.spent()
    }
    record.uses++
    const withQop = this.opts.mode === 'digest'
    const nc = withQop ? Number.parseInt(p.nc ?? '', 16) : 0
    if (withQop) {
      if (p.qop !== 'auth' || !p.cnonce || !Number.isFinite(nc)) return this.fail()
      if (nc <= record.lastNc) return this.spent() // a replayed nc
      record.lastNc = nc
    }
    if (p.username !== this.opts.username || p.uri !== url || p.realm !== this.opts.realm) return this.fail()
    if (p.response !== this.expected(method, url, p)) return this.fail()
    return { ...this.succeed('digest'), ...(withQop ? { nc } : {}) }
  }

  private expected(method: string, uri: string, p: Record<string, string>): string {
    const H = (s: string) => createHash(ALGORITHM_HASH[this.opts.algorithm]).update(s).digest('hex')
    let ha1 = H(`${this.opts.username}:${this.opts.realm}:${this.opts.password}`)
    if (this.opts.algorithm === 'MD5-sess') ha1 = H(`${ha1}:${p.nonce}:${p.cnonce ?? ''}`)
    const ha2 = H(`${method}:${uri}`)
    if (this.opts.mode === 'digest-no-qop') return H(`${ha1}:${p.nonce}:${ha2}`)
    return H(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`)
  }

  private succeed(scheme: 'digest' | 'basic'): AuthVerdict {
    this.failures = 0
    return { ok: true, scheme }
  }

  private spent(): AuthVerdict {
    this.stats.spentNonces++
    if (this.opts.spentNonceCountsAsFailure) {
      this.stats.failedLogins++
      if (this.countFailure()) return { ok: false, response: this.lockedAnswer() }
    }
    if (this.opts.staleMode === 'stale-flag')
      return { ok: false, response: this.unauthorized(plainUserCheck(), true) }
    // What the DS-KV6124 did to a 4th reuse: 401, no new challenge, no stale=true.
    return { ok: false, response: xmlResponse(plainUserCheck(), 401) }
  }

  private fail(): AuthVerdict {
    this.stats.failedLogins++
    if (this.countFailure()) return { ok: false, response: this.lockedAnswer() }
    const left = Math.max(0, this.opts.maxFailures - this.failures)
    return { ok: false, response: this.unauthorized(userCheck('unlock', 0, left)) }
  }

  /** Counts one failed login; true when it locked the account. */
  private countFailure(): boolean {
    this.failures++
    if (this.opts.maxFailures > 0 && this.failures >= this.opts.maxFailures) {
      this.lockedUntil = this.opts.now() + this.opts.lockSeconds * 1000
      return true
    }
    return false
  }

  private lockedAnswer(): SimResponse {
    return this.unauthorized(userCheck('lock', this.lockRemainingSec, 0))
  }

  private unauthorized(body: string, stale = false): SimResponse {
    const response = xmlResponse(body, 401)
    response.headers = { 'WWW-Authenticate': this.challenges(stale) }
    return response
  }

  /** The challenge header(s) in the configured style, with a fresh nonce. */
  challenges(stale = false): string[] {
    if (this.opts.mode === 'basic') return [`Basic realm="${this.opts.realm}"`]
    const nonce = this.issueNonce()
    const realm = this.opts.realm
    const qop = this.opts.mode === 'digest' ? 'qop="auth", ' : ''
    const algorithm = this.opts.algorithm === 'MD5' ? '' : `, algorithm=${this.opts.algorithm}`
    const basic = `Basic realm="${realm}"`
    switch (this.opts.challengeStyle) {
      case 'nvr':
        return [
          `Digest realm="${realm}", domain="::", ${qop}nonce="${nonce}", opaque="", algorithm="${this.opts.algorithm}", stale="${stale ? 'TRUE' : 'FALSE'}"`,
          basic,
        ]
      case 'camera':
        return [
          `Digest ${qop}realm="${realm}", nonce="${nonce}", stale="${stale ? 'TRUE' : 'FALSE'}"${algorithm}`,
          basic,
        ]
      case 'combined':
        return [
          `Digest ${qop}realm="${realm}", nonce="${nonce}", stale="${stale ? 'TRUE' : 'FALSE'}"${algorithm}, ${basic}`,
        ]
      case 'terminal': {
        const digest = `Digest ${qop}realm="${realm}", nonce="${nonce}", stale="${stale ? 'true' : 'false'}", opaque="", domain="::"${algorithm}`
        return this.opts.offerBasic ? [digest, basic] : [digest]
      }
    }
  }

  /** Nonces embed the issue time the way each firmware family does (research/isapi.md §8.1). */
  private issueNonce(): string {
    const now = this.opts.now()
    const random = randomBytes(16).toString('hex')
    let nonce: string
    if (this.opts.challengeStyle === 'nvr') nonce = `${random}:${now}`
    else if (this.opts.challengeStyle === 'terminal') {
      nonce = Buffer.from(`${Math.floor(now / 1000).toString(16)}${random.slice(0, 8)}`).toString('base64')
    } else
      nonce = Buffer.from(
        Buffer.from(`${Math.floor(now / 1000).toString(16)}:${random}`).toString('base64'),
      ).toString('hex')
    this.nonces.set(nonce, { issuedAt: now, uses: 0, lastNc: 0 })
    if (this.nonces.size > 1000) this.nonces.delete(this.nonces.keys().next().value as string)
    return nonce
  }
}

function plainUserCheck(): string {
  return '<?xml version="1.0" encoding="UTF-8" ?>\n<userCheck>\n<statusValue>401</statusValue>\n<statusString>Unauthorized</statusString>\n</userCheck>\n'
}

function userCheck(lockStatus: 'lock' | 'unlock', unlockTime: number, retryLoginTime: number): string {
  return xmlDocument(
    'userCheck',
    xmlFields({
      statusValue: 401,
      statusString: 'Unauthorized',
      isActivated: true,
      lockStatus,
      unlockTime,
      retryLoginTime,
    }),
  )
}

/** `key=value, key="quoted value"` pairs of an Authorization header. */
function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {}
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = m[1]?.toLowerCase()
    if (key) params[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '')
  }
  return params
}
