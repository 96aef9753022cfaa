import ipaddr from 'ipaddr.js'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { z } from 'zod'

export const DEFAULT_DEVICE_NETS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'] as const

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export type TlsConfig =
  { mode: 'auto' } | { mode: 'off' } | { mode: 'files'; certPath: string; keyPath: string }

export type BackendAuth =
  { kind: 'token'; token: string } | { kind: 'login'; email: string; password: string }

export interface BackendConfig {
  url: string
  schoolId: string
  auth: BackendAuth
}

export interface Config {
  host: string
  port: number
  /** null when the plain-HTTP trust page is off (SR_HTTP_PORT=0, or TLS off) */
  httpPort: number | null
  tls: TlsConfig
  dataDir: string
  adminToken: string | null
  allowedOrigins: string[]
  deviceNets: string[]
  /** null means LAN-only mode: reports wait in the outbox */
  backend: BackendConfig | null
  logLevel: LogLevel
  /** the school's IANA time zone (SR_TIMEZONE): device clocks are set and checked in it */
  timeZone: string
  /** days the audit trail keeps a change unless the Settings page says otherwise (SR_AUDIT_RETENTION_DAYS) */
  auditRetentionDays: number
  /** free disk space (MB) the audit trail leaves to enrollment: below it new entries are counted, not stored */
  auditDiskReserveMb: number
  /** the school's NTP server (SR_NTP_SERVER), written into devices on a clock sync; null = clock only */
  ntpServer: string | null
  /** where "Search the network" sends its SADP inquiry (SR_SADP_ADDRESS, SR_SADP_PORT) */
  sadp: { address: string; port: number }
  /** seconds the proxy looks for a terminal at its new address after a network change (SR_DEVICE_MOVE_WAIT_SEC) */
  deviceMoveWaitSec: number
  eventRelay: EventRelayConfig
}

/** The attendance relay: terminals post their events to the proxy, which delivers them to the school server. */
export interface EventRelayConfig {
  /** SR_EVENT_RELAY: relay mode until an admin switches it on the Check page; off = terminals post directly */
  on: boolean
  /** SR_EVENT_RELAY_ADDRESS: the origin terminals reach the proxy at; null = the first LAN address */
  origin: string | null
  /** SR_EVENT_PICTURES_MB: the captures kept on disk, at most */
  picturesMaxBytes: number
  /** SR_EVENT_SEARCH_MINUTES: how often each terminal's own log is searched for what push missed */
  searchEveryMs: number
}

/** A configuration mistake, told in one line that names the variable; never shown with a stack. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** Values that must never be echoed back, not even in an error about themselves. */
const SECRET_VARS = new Set(['SR_ADMIN_TOKEN', 'SR_BACKEND_TOKEN', 'SR_BACKEND_PASSWORD'])

const unset = (value: string | undefined): value is undefined => value === undefined || value.trim() === ''

const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')

const port = (min: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `must be a whole number from ${min} to 65535`)
    .transform(Number)
    .refine((n) => n >= min && n <= 65535, `must be a whole number from ${min} to 65535`)

const hostSchema = z
  .string()
  .trim()
  .refine(
    (value) => ipaddr.isValid(value) || /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(value),
    'must be an IP address or a host name to listen on, e.g. 0.0.0.0',
  )

const tlsSchema = (cwd: string) =>
  z
    .string()
    .trim()
    .transform((value, ctx): TlsConfig => {
      if (value === 'auto' || value === 'off') return { mode: value }
      const parts = list(value)
      if (parts.length !== 2) {
        ctx.addIssue({ code: 'custom', message: 'must be auto, off, or "cert.pem,key.pem"' })
        return z.NEVER
      }
      const [certPath, keyPath] = parts.map((part) => resolve(cwd, part)) as [string, string]
      const missing = [certPath, keyPath].find((path) => !existsSync(path))
      if (missing) {
        ctx.addIssue({ code: 'custom', message: `names a file that does not exist: ${missing}` })
        return z.NEVER
      }
      return { mode: 'files', certPath, keyPath }
    })

const originSchema = z.string().transform((value, ctx) => {
  const trimmed = value.replace(/\/+$/, '')
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    ctx.addIssue({ code: 'custom', message: `has "${value}", which is not an origin like https://host:port` })
    return z.NEVER
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== trimmed.toLowerCase()) {
    ctx.addIssue({
      code: 'custom',
      message: `has "${value}", which is not an origin like https://host:port (no path)`,
    })
    return z.NEVER
  }
  return url.origin
})

const cidrSchema = z.string().refine((value) => {
  try {
    ipaddr.parseCIDR(value)
    return true
  } catch {
    return false
  }
}, 'must be a comma-separated list of networks in CIDR form, e.g. 192.168.1.0/24')

const urlSchema = z.string().refine((value) => {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}, 'must be an http:// or https:// address')

const timeZoneSchema = z.string().trim().refine(isTimeZone, 'must be a time zone name such as Asia/Tashkent')

/**
 * Any name Intl accepts (aliases and any letter case too). The list of canonical names answers the usual
 * case without a date formatter, which would load several MB of ICU's formatting data at every start.
 */
function isTimeZone(value: string): boolean {
  if (Intl.supportedValuesOf('timeZone').includes(value)) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}

const ipv4Schema = z
  .string()
  .trim()
  .refine(
    (value) => ipaddr.IPv4.isValidFourPartDecimal(value),
    'must be an IPv4 address, e.g. 239.255.255.250',
  )

const reserveSchema = z.coerce
  .number('must be a whole number of megabytes')
  .int('must be a whole number of megabytes')
  .min(0, 'must be 0 or more')
  .max(10_000_000, 'must be at most 10000000')

const retentionSchema = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/, 'must be a whole number of days from 1 to 3650')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 3650, 'must be a whole number of days from 1 to 3650')

const ntpServerSchema = z
  .string()
  .trim()
  .refine(
    (value) =>
      ipaddr.isValid(value) ||
      (value.length <= 64 &&
        /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(value)),
    'must be an IP address or a host name of at most 64 characters, e.g. 192.168.1.1 or pool.ntp.org',
  )

/**
 * Reads the proxy's configuration from environment variables (`API-CONTRACT.md`, "Configuration").
 * Throws `ConfigError` with one line naming the first bad variable, so the operator knows what to fix.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const check = <T>(name: string, schema: z.ZodType<T>, raw: string): T => {
    const result = schema.safeParse(raw)
    if (result.success) return result.data
    const reason = result.error.issues[0]?.message ?? 'is not valid'
    const shown = SECRET_VARS.has(name) ? '' : ` (got "${raw}")`
    throw new ConfigError(`${name} ${reason}${shown}`)
  }
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: string): T =>
    check(name, schema, unset(env[name]) ? fallback : (env[name] as string))
  const readList = <T>(name: string, schema: z.ZodType<T>, fallback: string): T[] =>
    list(unset(env[name]) ? fallback : (env[name] as string)).map((item) => check(name, schema, item))

  const tls = read('SR_TLS', tlsSchema(cwd), 'auto')
  const port_ = read('SR_PORT', port(1), '8443')
  const httpPort = read('SR_HTTP_PORT', port(0), '8080')
  if (httpPort === port_) {
    throw new ConfigError(`SR_HTTP_PORT must differ from SR_PORT (both are ${port_})`)
  }
  const deviceNets = readList('SR_DEVICE_NETS', cidrSchema, DEFAULT_DEVICE_NETS.join(','))
  if (deviceNets.length === 0) throw new ConfigError('SR_DEVICE_NETS must name at least one network')

  return {
    host: read('SR_HOST', hostSchema, '0.0.0.0'),
    port: port_,
    httpPort: httpPort === 0 || tls.mode === 'off' ? null : httpPort,
    tls,
    dataDir: resolveDir(read('SR_DATA_DIR', z.string().trim().min(1), './data'), cwd),
    adminToken: unset(env.SR_ADMIN_TOKEN)
      ? null
      : read(
          'SR_ADMIN_TOKEN',
          z
            .string()
            .trim()
            .regex(/^\S{16,256}$/, 'must be 16 to 256 characters without spaces'),
          '',
        ),
    allowedOrigins: readList('SR_ALLOWED_ORIGINS', originSchema, ''),
    deviceNets,
    backend: readBackend(env, read),
    logLevel: read('SR_LOG_LEVEL', z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`), 'info'),
    timeZone: read('SR_TIMEZONE', timeZoneSchema, 'Asia/Tashkent'),
    auditRetentionDays: read('SR_AUDIT_RETENTION_DAYS', retentionSchema, '180'),
    auditDiskReserveMb: read('SR_AUDIT_DISK_RESERVE_MB', reserveSchema, '64'),
    ntpServer: unset(env.SR_NTP_SERVER) ? null : read('SR_NTP_SERVER', ntpServerSchema, ''),
    sadp: {
      address: read('SR_SADP_ADDRESS', ipv4Schema, '239.255.255.250'),
      port: read('SR_SADP_PORT', port(1), '37020'),
    },
    deviceMoveWaitSec: read(
      'SR_DEVICE_MOVE_WAIT_SEC',
      z.coerce.number().int('must be a whole number of seconds').min(2).max(600),
      '60',
    ),
    eventRelay: {
      on: read('SR_EVENT_RELAY', z.enum(['on', 'off'], 'must be on or off'), 'off') === 'on',
      origin: unset(env.SR_EVENT_RELAY_ADDRESS) ? null : read('SR_EVENT_RELAY_ADDRESS', originSchema, ''),
      picturesMaxBytes: read('SR_EVENT_PICTURES_MB', picturesSchema, '200') * 1024 * 1024,
      searchEveryMs: Math.round(read('SR_EVENT_SEARCH_MINUTES', minutesSchema, '10') * 60_000),
    },
  }
}

const picturesSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/, 'must be a whole number of megabytes from 1 to 100000')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 100_000, 'must be a whole number of megabytes from 1 to 100000')

const minutesSchema = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,3})?$/, 'must be a number of minutes, e.g. 10 or 0.5')
  .transform(Number)
  .refine((n) => n >= 0.01 && n <= 1440, 'must be from 0.01 to 1440 minutes')

type Reader = <T>(name: string, schema: z.ZodType<T>, fallback: string) => T

function readBackend(env: NodeJS.ProcessEnv, read: Reader): BackendConfig | null {
  const related = ['SR_SCHOOL_ID', 'SR_BACKEND_TOKEN', 'SR_BACKEND_EMAIL', 'SR_BACKEND_PASSWORD']
  if (unset(env.SR_BACKEND_URL)) {
    const stray = related.find((name) => !unset(env[name]))
    if (stray) throw new ConfigError(`${stray} is set but SR_BACKEND_URL is not; set both or neither`)
    return null
  }
  const url = read('SR_BACKEND_URL', urlSchema, '').replace(/\/+$/, '')
  if (unset(env.SR_SCHOOL_ID)) throw new ConfigError('SR_SCHOOL_ID must be set when SR_BACKEND_URL is')
  const schoolId = read('SR_SCHOOL_ID', z.string().trim().regex(/^\S+$/, 'must not contain spaces'), '')
  if (!unset(env.SR_BACKEND_TOKEN)) {
    return { url, schoolId, auth: { kind: 'token', token: (env.SR_BACKEND_TOKEN as string).trim() } }
  }
  if (unset(env.SR_BACKEND_EMAIL) || unset(env.SR_BACKEND_PASSWORD)) {
    const missing = unset(env.SR_BACKEND_EMAIL) ? 'SR_BACKEND_EMAIL' : 'SR_BACKEND_PASSWORD'
    throw new ConfigError(
      `${missing} must be set when SR_BACKEND_URL is (or set SR_BACKEND_TOKEN instead of email and password)`,
    )
  }
  const email = read('SR_BACKEND_EMAIL', z.email('must be an e-mail address'), '')
  return { url, schoolId, auth: { kind: 'login', email, password: env.SR_BACKEND_PASSWORD as string } }
}

function resolveDir(dir: string, cwd: string): string {
  return isAbsolute(dir) ? dir : resolve(cwd, dir)
}

/** The version the proxy reports in `/api/health` and prints at start. */
export const PROXY_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version
