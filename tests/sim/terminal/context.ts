import type { IncomingHttpHeaders } from 'node:http'
import { deviceError } from './error-table'
import { jsonError, type SimResponse, xmlError } from './format'
import type { ModelProfile } from './profiles'
import type { TerminalState } from './state'

export interface SimRequest {
  method: string
  /** path and query as sent */
  url: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface HandlerContext {
  req: SimRequest
  state: TerminalState
  profile: ModelProfile
  capacity: { users: number; faces: number }
  /** face pictures above this size are refused (the project's 200 KB device limit) */
  maxFaceBytes: number
  /** a list write (PUT httpHosts) clears the slots it leaves out, instead of keeping them */
  httpHostsListReplaces: boolean
  now: () => number
  /** scheme://host:port the device believes it has, for the URLs it hands out */
  origin: string
}

export type Handler = (ctx: HandlerContext) => SimResponse | Promise<SimResponse>

/** A device error answered in the format of the endpoint (JSON APIs vs the XML system family). */
export function refuse(
  ctx: HandlerContext,
  subStatusCode: string,
  errorMsg?: string,
  httpStatus?: number,
): SimResponse {
  const error = deviceError(subStatusCode, errorMsg)
  const status =
    subStatusCode === 'notSupport' ? (httpStatus ?? ctx.profile.notSupportHttpStatus) : httpStatus
  return ctx.req.query.get('format') === 'json'
    ? jsonError(error, status)
    : xmlError(error, ctx.req.path, status)
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

export function asInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value)
  return undefined
}
