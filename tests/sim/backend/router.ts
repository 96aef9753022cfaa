import type { IncomingMessage } from 'node:http'
import type { AuthContext } from './auth'

export interface RouteRequest {
  method: string
  path: string
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: unknown
  rawBody: Buffer
  auth: AuthContext
}

/** A JSON answer, or raw bytes for the static photo files. */
export type RouteAnswer =
  { status?: number; json: unknown } | { status?: number; bytes: Buffer; contentType: string }

export type Handler = (req: RouteRequest) => RouteAnswer | Promise<RouteAnswer>

interface Route {
  method: string
  pattern: RegExp
  names: string[]
  handler: Handler
}

/** Paths like `/schools/:schoolId/classes`; a parameter is one path segment. */
export class Router {
  private readonly routes: Route[] = []

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = []
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        names.push(segment.slice(1))
        return '([^/]+)'
      })
      .join('/')
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler })
    return this
  }

  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | 'method' | null {
    let pathMatched = false
    for (const route of this.routes) {
      const found = route.pattern.exec(path)
      if (!found) continue
      pathMatched = true
      if (route.method !== method) continue
      const params: Record<string, string> = {}
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1] ?? '')))
      return { handler: route.handler, params }
    }
    return pathMatched ? 'method' : null
  }
}
