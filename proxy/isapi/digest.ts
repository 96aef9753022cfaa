/*
 * HTTP Digest (RFC 7616, RFC 2617, RFC 2069) and Basic, as pure functions: parse challenges, choose one,
 * compute the Authorization header. No I/O here; transport.ts keeps the per-device state.
 *
 * Why by hand and not a library (research/engineering.md §2 compares them): urllib challenges on every
 * request (twice the traffic) and ignores `algorithm`; digest-fetch fixes the algorithm at construction and
 * finds the realm with a regex over joined headers; @mhoc/axios-digest-auth quotes `qop`/`nc`, drops the
 * query string from `uri` (so every `?format=json` call fails) and drops `opaque`; Scrypted's auth-fetch
 * never resets `nc` for a new nonce and re-sends consumed bodies; http-auth-utils throws on unknown
 * challenge params and cannot do RFC 2069. These terminals need all of it at once: per-nonce `nc` reuse,
 * the algorithm read from the challenge, Digest chosen over Basic from a combined header, and bodies that
 * can be replayed after a 401. That is about 150 lines, so they live here.
 */
import { createHash } from 'node:crypto'

export interface Challenge {
  /** lower-case scheme name: `digest`, `basic`, … */
  scheme: string
  /** lower-case parameter names; values unquoted */
  params: Record<string, string>
  token68?: string
}

export type DigestAlgorithm =
  'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess'

export interface DigestChallenge {
  realm: string
  nonce: string
  /** present (possibly empty) only when the server sent it; echoed unchanged */
  opaque?: string
  algorithm: DigestAlgorithm
  /** undefined = RFC 2069 (no qop) */
  qop?: 'auth' | 'auth-int'
  stale: boolean
  userhash: boolean
}

export type AuthOffer =
  | { kind: 'digest'; challenge: DigestChallenge }
  | { kind: 'basic'; realm: string }
  /** a Digest challenge we cannot answer (unknown algorithm or qop); never a reason to fall back to Basic */
  | { kind: 'unsupported'; reason: string }
  | { kind: 'none' }

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/
const TOKEN68 = /^([A-Za-z0-9\-._~+/]+=*)\s*(?:,|$)/

/** Parses one or more `WWW-Authenticate` header values; several challenges may share one line. */
export function parseChallenges(headers: string | readonly string[] | undefined): Challenge[] {
  if (headers === undefined) return []
  const lines = typeof headers === 'string' ? [headers] : headers
  return lines.flatMap(parseLine)
}

function parseLine(line: string): Challenge[] {
  const challenges: Challenge[] = []
  let current: Challenge | undefined
  let i = 0
  const skip = (chars: RegExp) => {
    while (i < line.length && chars.test(line[i] ?? '')) i++
  }
  const token = () => {
    const start = i
    while (i < line.length && TCHAR.test(line[i] ?? '')) i++
    return line.slice(start, i)
  }
  const quoted = () => {
    let value = ''
    i++ // opening quote
    while (i < line.length && line[i] !== '"') {
      if (line[i] === '\\' && i + 1 < line.length) i++
      value += line[i]
      i++
    }
    i++ // closing quote (or end of an unterminated string)
    return value
  }

  while (i < line.length) {
    skip(/[\s,]/)
    if (i >= line.length) break
    const name = token()
    if (name === '') {
      i++ // a stray character: ignore it rather than give up on the whole header
      continue
    }
    skip(/[ \t]/)
    if (line[i] === '=' && current) {
      i++
      skip(/[ \t]/)
      current.params[name.toLowerCase()] = line[i] === '"' ? quoted() : token()
      continue
    }
    current = { scheme: name.toLowerCase(), params: {} }
    challenges.push(current)
    const rest = TOKEN68.exec(line.slice(i))
    if (rest?.[1] && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+=[^=,]/.test(line.slice(i))) {
      current.token68 = rest[1]
      i += rest[0].length
    }
  }
  return challenges
}

const ALGORITHM_RANK: Record<string, { name: DigestAlgorithm; rank: number }> = {
  md5: { name: 'MD5', rank: 1 },
  'md5-sess': { name: 'MD5-sess', rank: 2 },
  'sha-256': { name: 'SHA-256', rank: 3 },
  'sha-256-sess': { name: 'SHA-256-sess', rank: 4 },
  'sha-512-256': { name: 'SHA-512-256', rank: 5 },
  'sha-512-256-sess': { name: 'SHA-512-256-sess', rank: 6 },
}

/**
 * Picks how to authenticate: the strongest Digest challenge we can answer; Basic only when no Digest
 * challenge is offered at all (a password in Basic to a device that speaks Digest is a leak).
 */
export function chooseAuth(challenges: readonly Challenge[]): AuthOffer {
  const digests = challenges.filter((c) => c.scheme === 'digest')
  if (digests.length > 0) {
    const usable = digests
      .map(toDigestChallenge)
      .filter((c): c is DigestChallenge => c !== undefined)
      .sort((a, b) => rank(b.algorithm) - rank(a.algorithm))
    const best = usable[0]
    if (best) return { kind: 'digest', challenge: best }
    const algorithms = digests.map((c) => c.params.algorithm ?? 'MD5').join(', ')
    return { kind: 'unsupported', reason: `Digest with algorithm ${algorithms} / qop it cannot answer` }
  }
  const basic = challenges.find((c) => c.scheme === 'basic')
  if (basic) return { kind: 'basic', realm: basic.params.realm ?? '' }
  return { kind: 'none' }
}

function rank(algorithm: DigestAlgorithm): number {
  return ALGORITHM_RANK[algorithm.toLowerCase()]?.rank ?? 0
}

function toDigestChallenge(c: Challenge): DigestChallenge | undefined {
  const { realm, nonce } = c.params
  if (realm === undefined || nonce === undefined) return undefined
  const algorithm = ALGORITHM_RANK[(c.params.algorithm ?? 'MD5').toLowerCase()]?.name
  if (!algorithm) return undefined
  let qop: DigestChallenge['qop']
  if (c.params.qop !== undefined) {
    const offered = c.params.qop.split(',').map((q) => q.trim().toLowerCase())
    if (offered.includes('auth')) qop = 'auth'
    else if (offered.includes('auth-int')) qop = 'auth-int'
    else return undefined
  }
  return {
    realm,
    nonce,
    ...(c.params.opaque !== undefined ? { opaque: c.params.opaque } : {}),
    algorithm,
    ...(qop ? { qop } : {}),
    stale: (c.params.stale ?? '').toLowerCase() === 'true',
    userhash: (c.params.userhash ?? '').toLowerCase() === 'true',
  }
}

export interface Credentials {
  username: string
  password: string
}

export interface DigestInput {
  method: string
  /** request-target exactly as sent: path plus query */
  uri: string
  /** needed only for qop=auth-int */
  body?: Uint8Array
  /** 1 for the first use of a nonce */
  nc: number
  cnonce: string
}

const NODE_HASH: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' }

function hasher(algorithm: DigestAlgorithm): (data: string | Uint8Array) => string {
  const name = NODE_HASH[algorithm.replace(/-sess$/, '')] ?? 'md5'
  return (data) => createHash(name).update(data).digest('hex')
}

export function formatNc(nc: number): string {
  return nc.toString(16).padStart(8, '0')
}

/** The `response` value of RFC 7616 §3.4.1 (and RFC 2069 when the challenge has no qop). */
export function digestResponse(ch: DigestChallenge, creds: Credentials, input: DigestInput): string {
  const H = hasher(ch.algorithm)
  let ha1 = H(`${creds.username}:${ch.realm}:${creds.password}`)
  if (ch.algorithm.endsWith('-sess')) ha1 = H(`${ha1}:${ch.nonce}:${input.cnonce}`)
  const ha2 =
    ch.qop === 'auth-int'
      ? H(`${input.method}:${input.uri}:${H(input.body ?? new Uint8Array())}`)
      : H(`${input.method}:${input.uri}`)
  if (!ch.qop) return H(`${ha1}:${ch.nonce}:${ha2}`)
  return H(`${ha1}:${ch.nonce}:${formatNc(input.nc)}:${input.cnonce}:${ch.qop}:${ha2}`)
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`
}

/** The full `Authorization: Digest …` value. */
export function digestAuthorization(ch: DigestChallenge, creds: Credentials, input: DigestInput): string {
  const H = hasher(ch.algorithm)
  const username = ch.userhash ? H(`${creds.username}:${ch.realm}`) : creds.username
  const parts = [
    `username=${quote(username)}`,
    `realm=${quote(ch.realm)}`,
    `nonce=${quote(ch.nonce)}`,
    `uri=${quote(input.uri)}`,
    `algorithm=${ch.algorithm}`,
    `response="${digestResponse(ch, creds, input)}"`,
  ]
  if (ch.opaque !== undefined) parts.push(`opaque=${quote(ch.opaque)}`)
  if (ch.qop) parts.push(`qop=${ch.qop}`, `nc=${formatNc(input.nc)}`, `cnonce=${quote(input.cnonce)}`)
  else if (ch.algorithm.endsWith('-sess')) parts.push(`cnonce=${quote(input.cnonce)}`)
  if (ch.userhash) parts.push('userhash=true')
  return `Digest ${parts.join(', ')}`
}

export function basicAuthorization(creds: Credentials): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64')}`
}
