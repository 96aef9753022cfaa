import type { z } from 'zod'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Who may call a route: anyone, any paired screen (bearer token), or an admin token only. */
export type Access = 'public' | 'token' | 'admin'

/**
 * One API route, declared once: the proxy mounts it (role check, input validation, audit action), the app
 * calls it with typed input and answer, and docs/api.md lists it. See "Adding a route" in
 * docs/architecture.md.
 */
export interface RouteDeclaration {
  method: Method
  /** under /api, with `:param` parts as Hono mounts them */
  path: `/api/${string}`
  access: Access
  /** one line for docs/api.md */
  what: string
  /** the status of a successful answer */
  status: 200 | 201 | 202 | 204
  query?: z.ZodType
  /** the JSON body (a route that also takes multipart or images says so in `what`) */
  body?: z.ZodType
  /** the JSON answer; none for 204 and for a file or stream */
  answer?: z.ZodType
  /** a non-JSON answer (a file, a stream), as the doc names it after the status */
  format?: string
  /** the audit action a mutating route records (its entry is described in proxy/domain/audit) */
  audit?: string
}

/** The route's key in the API's own words: `POST /api/devices`. */
export function routeKey(route: Pick<RouteDeclaration, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`
}

type Schema<R, K extends 'query' | 'body' | 'answer'> =
  R extends Record<K, infer S extends z.ZodType> ? S : undefined

/** The route's `:param` names, as an object of strings. */
export type ParamsOf<R extends RouteDeclaration> = {
  [K in ParamNames<R['path']>]: string
}
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

/** What a client sends: the query and body as it writes them (before defaults). */
export type QueryIn<R extends RouteDeclaration> =
  Schema<R, 'query'> extends z.ZodType ? z.input<Schema<R, 'query'>> : undefined
export type BodyIn<R extends RouteDeclaration> =
  Schema<R, 'body'> extends z.ZodType ? z.input<Schema<R, 'body'>> : undefined

/** What the proxy reads after validation. */
export type QueryOf<R extends RouteDeclaration> =
  Schema<R, 'query'> extends z.ZodType ? z.output<Schema<R, 'query'>> : undefined
export type BodyOf<R extends RouteDeclaration> =
  Schema<R, 'body'> extends z.ZodType ? z.output<Schema<R, 'body'>> : undefined

/** The answer: its schema's type, or nothing for a 204. */
export type AnswerOf<R extends RouteDeclaration> =
  Schema<R, 'answer'> extends z.ZodType ? z.output<Schema<R, 'answer'>> : void
