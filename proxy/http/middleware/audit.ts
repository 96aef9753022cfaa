import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { isApiErrorResponse } from '../../../shared/errors'
import type { Audit } from '../../domain/audit'
import type { AuditCall, AuditSeen, Describer } from '../../domain/audit/describer'
import { isRefusal } from '../../domain/audit/refusal'
import { describerFor } from '../../domain/audit/describers'
import type { Logger } from '../../log'
import type { AppEnv } from '../context'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Records every mutating /api request in the audit trail, by the route pattern it matched: a new route is
 * audited without anyone remembering to. The route's declaration (shared/api/routes) names the action; its
 * describer (proxy/domain/audit/describers.ts) names the target and takes allow-listed snapshots before and
 * after. Requests that match no route (404)
 * and callers without a valid token (refused before this runs) change nothing and are not recorded.
 *
 * A request refused before anything was attempted (a 4xx: role, validation, a missing target) is kept as a
 * compact `refused` entry: action, target, status and error, none of the body's snapshots. One refused as
 * too many (429) is only counted. The repository cuts every text it stores, so no request, however long,
 * grows the trail by more than a few KB.
 */
export function auditTrail(audit: Audit, logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const route = MUTATING.has(c.req.method) ? routeOf(c) : null
    if (!route) return next()
    const describer = describerFor(c.req.method, route)
    const call: AuditCall = {
      method: c.req.method,
      route,
      params: paramsOf(route, c.req.path),
      query: c.req.query(),
      body: undefined,
      caller: callerOf(c),
    }
    const looked = safely(logger, () => describer.look?.(call, audit.sources))
    await next()
    try {
      await record(
        c,
        describer,
        { ...call, body: describer.readsBody ? await jsonBody(c) : undefined },
        looked,
        audit,
      )
    } catch (error) {
      logger.error({ err: error, route }, 'audit entry could not be made')
    }
  }
}

async function record(
  c: Context<AppEnv>,
  describer: Describer,
  call: AuditCall,
  looked: unknown,
  audit: Audit,
) {
  const status = c.res.status
  const answer = await answerOf(c)
  const ok = status < 400
  const error = ok ? null : errorOf(answer, status)
  const seen: AuditSeen = { looked, status, ok, response: ok ? answer : undefined, error }
  const description = describer.describe(call, seen, audit.sources)
  if (description.skip) return
  const failure = error ? { code: error.code, message: error.message } : (description.partialFailure ?? null)
  const entry = {
    actor: description.actor ?? call.caller ?? { name: 'unknown', role: 'none', tokenId: null },
    action: description.action ?? describer.action,
    route: `${call.method} ${call.route}`,
    target: description.target,
    status,
    error: failure,
    retryOf: description.retryOf ?? null,
  }
  if (error?.code === 'rate_limited') {
    audit.log.countRateLimited({ ...entry, result: 'refused', before: null, after: null, input: null })
    return
  }
  if (isRefusal(error?.code)) {
    audit.log.record({ ...entry, result: 'refused', before: null, after: null, input: null })
    return
  }
  audit.log.record({
    ...entry,
    result: failure ? 'failed' : 'ok',
    before: description.before ?? null,
    after: description.after ?? null,
    input: description.input ?? null,
  })
}

/** The pattern of the handler that answered: the last matched route that is not a middleware (`ALL`). */
function routeOf(c: Context<AppEnv>): string | null {
  const routes = matchedRoutes(c).filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
  return routes.at(-1)?.path ?? null
}

/** The path's values for the pattern's `:name` parts (a middleware's own `c.req.param()` has none). */
function paramsOf(route: string, path: string): Record<string, string> {
  const names = route.split('/')
  const values = path.split('/')
  const params: Record<string, string> = {}
  names.forEach((name, i) => {
    const value = values[i]
    if (!name.startsWith(':') || value === undefined) return
    try {
      params[name.slice(1)] = decodeURIComponent(value)
    } catch {
      params[name.slice(1)] = value
    }
  })
  return params
}

function callerOf(c: Context<AppEnv>): AuditCall['caller'] {
  const caller = c.get('caller') as AppEnv['Variables']['caller'] | undefined
  if (!caller) return null
  const { name, role, tokenId, nameClaimed, schoolAccount } = caller
  return {
    name,
    role,
    tokenId,
    ...(nameClaimed ? { claimed: true } : {}),
    ...(schoolAccount ? { schoolAccount } : {}),
  }
}

/** Hono keeps the body the handler read, so reading it again here costs no second pass over the socket. */
async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) return undefined
  try {
    return await c.req.json()
  } catch {
    return undefined
  }
}

async function answerOf(c: Context<AppEnv>): Promise<unknown> {
  if (!(c.res.headers.get('content-type') ?? '').includes('application/json')) return undefined
  try {
    return await c.res.clone().json()
  } catch {
    return undefined
  }
}

function errorOf(answer: unknown, status: number): AuditSeen['error'] {
  if (isApiErrorResponse(answer)) {
    const { code, message, details } = answer.error
    return { code, message, ...(details === undefined ? {} : { details }) }
  }
  return { code: 'internal', message: `HTTP ${status}` }
}

function safely<T>(logger: Logger, read: () => T): T | undefined {
  try {
    return read()
  } catch (error) {
    logger.warn({ err: error }, 'audit could not look before the change')
    return undefined
  }
}
