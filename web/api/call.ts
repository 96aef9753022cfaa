import type { AnswerOf, BodyIn, ParamsOf, RouteDeclaration } from '../../shared/api/routes/route'
import type { ApiClient, RequestOptions } from './client'

/** What a call sends: the route's `:param` values, its JSON body and its query, as its declaration types them. */
export type CallInput<R extends RouteDeclaration> = (keyof ParamsOf<R> extends never
  ? { params?: undefined }
  : { params: ParamsOf<R> }) &
  (BodyIn<R> extends undefined ? { body?: undefined } : { body: BodyIn<R> }) & {
    query?: RequestOptions<unknown>['query']
  }

export interface CallOptions {
  signal?: AbortSignal
  /** for the routes that ask devices or the school server live and take longer than a plain read */
  timeoutMs?: number
}

/**
 * Calls a declared route (shared/api/routes): the path filled from `params`, the token sent unless the route
 * is public, and the answer checked with the route's declared schema (nothing for a 204).
 */
export function callRoute<R extends RouteDeclaration>(
  api: Pick<ApiClient, 'request'>,
  route: R,
  input: CallInput<R>,
  options: CallOptions = {},
): Promise<AnswerOf<R>> {
  const params = (input.params ?? {}) as Record<string, string>
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))
  return api.request(route.method, path, {
    schema: route.answer ?? null,
    ...(input.body === undefined ? {} : { body: input.body }),
    ...(input.query ? { query: input.query } : {}),
    ...(route.access === 'public' ? { auth: false } : {}),
    ...options,
  }) as Promise<AnswerOf<R>>
}
