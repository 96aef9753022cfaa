import type { Hono } from 'hono'
import { health } from '../../shared/api/routes/health'
import type { AppContext, AppEnv } from './context'
import { healthRoutes } from './routes/health'
import { withFrontDoor } from './front-door'

/** The requests the proxy answers before it has loaded its API: the health check, which supervisors and
 * the app's "proxy reachable?" light ask for first. */
function isHealthCheck(request: Request): boolean {
  const method = request.method === 'HEAD' ? 'GET' : request.method
  return method === health.method && new URL(request.url).pathname === health.path
}

/**
 * The proxy's HTTP face (proxy/http/api.ts), loaded on first use: until a request other than a health
 * check arrives, only the health check is served, through the same front door (proxy/http/front-door.ts). The
 * API brings the route declarations with their schemas (about 600 of the ~2,000 zod schemas the proxy
 * builds), the handlers and the audit trail's describers. Loaded at start, they cost ~10 ms of a cold start
 * and ~4 MB that an idle proxy never used. The first other request waits for the load (tens of ms, once); requests that arrive
 * meanwhile wait for the same load.
 *
 * The returned app's `fetch` (and so `request`) serves everything; `routes` lists only the health check
 * until the API has loaded, so what needs every route builds the API itself (createApi).
 */
export function createApp(ctx: AppContext): Hono<AppEnv> {
  const front = withFrontDoor(ctx)
  front.route('/api', healthRoutes(ctx))
  const serveFront = front.fetch
  let api: Hono<AppEnv> | null = null
  let loading: Promise<Hono<AppEnv>> | null = null
  const loadApi = () => {
    loading ??= import('./api')
      .then(({ createApi }) => (api = createApi(ctx)))
      .catch((error: unknown) => {
        loading = null // a failed load is tried again by the next request rather than kept
        throw error
      })
    return loading
  }
  // Hono's `fetch` is an own property, and `request` calls it: replacing it routes both through here
  front.fetch = (request, env, executionCtx) => {
    if (api) return api.fetch(request, env, executionCtx)
    if (isHealthCheck(request)) return serveFront(request, env, executionCtx)
    return loadApi().then((loaded) => loaded.fetch(request, env, executionCtx))
  }
  return front
}
