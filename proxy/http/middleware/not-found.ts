import type { NotFoundHandler } from 'hono'
import { AppError } from '../../../shared/errors'
import type { AppEnv } from '../context'

/** Unknown routes answer in the contract's shape, naming what was asked for. */
export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(new AppError('not_found', `No such route: ${c.req.method} ${c.req.path}`).toBody(), 404)
