import { Hono, type Context, type MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AnswerOf, BodyOf, ParamsOf, QueryOf, RouteDeclaration } from '../../shared/api/routes/route'
import type { AppEnv } from './context'
import { requireRole } from './middleware/require-role'
import { readJson } from './validate'

/** What a handler reads of the request, validated by the route's declared schemas when it asks. */
export interface RouteInput<R extends RouteDeclaration> {
  params: ParamsOf<R>
  /** the query, checked against the declared schema (400 `validation_failed` when it does not fit) */
  query(): QueryOf<R>
  /** the JSON body, checked against the declared schema; read when the handler is ready for it */
  body(): Promise<BodyOf<R>>
}

/**
 * A handler returns the declared answer (sent as JSON with the declared status; nothing for a 204), or a
 * Response of its own for a file, a stream or an answer of another status.
 */
export type RouteHandler<R extends RouteDeclaration> = (
  c: Context<AppEnv>,
  input: RouteInput<R>,
) => AnswerOf<R> | Response | Promise<AnswerOf<R> | Response>

/** A declared route and its handler, ready to mount. */
export interface HandledRoute {
  mount(app: Hono<AppEnv>): void
}

export interface HandleOptions {
  /** middleware that runs after the role check and before the handler (e.g. a larger body limit) */
  before?: MiddlewareHandler<AppEnv>[]
}

/**
 * A declared route (shared/api/routes) with its handler: the role check comes first, before anything reads
 * the ids or the body; the input is validated with the declared schemas; the answer goes out with the
 * declared status. The audit trail finds the route's action by its declaration (middleware/audit.ts).
 */
export function handle<R extends RouteDeclaration>(
  route: R,
  handler: RouteHandler<R>,
  options: HandleOptions = {},
): HandledRoute {
  const guard = route.access === 'admin' ? [requireRole('admin')] : []
  const answer = async (c: Context<AppEnv>) => {
    const result = await handler(c, inputOf(c, route))
    if (result instanceof Response) return result
    if (route.status === 204) return c.body(null, 204)
    return c.json(result, route.status as ContentfulStatusCode)
  }
  const handlers: MiddlewareHandler<AppEnv>[] = [...guard, ...(options.before ?? []), answer]
  return {
    mount: (app) => {
      app.on(route.method, [localPath(route)], ...handlers)
    },
  }
}

/** A route group: its handled routes on one Hono app, mounted under /api by proxy/http/app.ts. */
export function routeGroup(...routes: HandledRoute[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  for (const route of routes) route.mount(app)
  return app
}

function inputOf<R extends RouteDeclaration>(c: Context<AppEnv>, route: R): RouteInput<R> {
  return {
    params: c.req.param() as ParamsOf<R>,
    query: () => (route.query ? route.query.parse(c.req.query()) : undefined) as QueryOf<R>,
    body: async () => (route.body ? await readJson(c, route.body) : undefined) as BodyOf<R>,
  }
}

function localPath(route: RouteDeclaration): string {
  return route.path.slice('/api'.length)
}
