import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { matchedRoutes } from 'hono/route'
import { AppError } from '../../../shared/errors'
import type { AppEnv } from '../context'

export const JSON_BODY_LIMIT = 1024 * 1024
export const IMAGE_BODY_LIMIT = 15 * 1024 * 1024

const limit = (maxSize: number): MiddlewareHandler<AppEnv> =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(
        'payload_too_large',
        `The request body is larger than ${Math.round(maxSize / 1024 / 1024)} MB`,
        { details: { maxBytes: maxSize } },
      )
    },
  })

/** Routes that take photos put this before their handler: `route.post('/x', imageBodyLimit, handler)`. */
export const imageBodyLimit: MiddlewareHandler<AppEnv> = limit(IMAGE_BODY_LIMIT)

const jsonBodyLimit = limit(JSON_BODY_LIMIT)

/** The app-wide limit: 1 MB, unless the matched route opted in to `imageBodyLimit`, which then applies alone. */
export const defaultBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  const takesImages = matchedRoutes(c).some((route) => route.handler === imageBodyLimit)
  return takesImages ? next() : jsonBodyLimit(c, next)
}
