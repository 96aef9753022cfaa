import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ZodError } from 'zod'
import { AppError, type ErrorCode } from '../../../shared/errors'
import type { Logger } from '../../log'
import type { AppEnv } from '../context'

const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
}

/** Turns any error into the contract's `{error:{code,message,...}}`; unknown errors never show their insides. */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (error, c) => {
    const known = toAppError(error)
    if (known) {
      if ((known.code === 'rate_limited' || known.code === 'busy') && known.extra.retryAfterSec) {
        c.header('Retry-After', String(known.extra.retryAfterSec))
      }
      // A chunked body cut off at the limit leaves the connection mid-message: it cannot carry another
      // request. (A body refused by its declared length is drained instead: see body-limit.ts.)
      if (known.code === 'payload_too_large' && c.req.header('transfer-encoding') !== undefined) {
        c.header('Connection', 'close')
      }
      return c.json(known.toBody(), known.status as ContentfulStatusCode)
    }
    logger.error({ reqId: c.get('requestId'), err: error, path: c.req.path }, 'unexpected error')
    const body = new AppError(
      'internal',
      'Something went wrong inside the proxy; the log has details',
    ).toBody()
    return c.json(body, 500)
  }
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error
  if (error instanceof ZodError) return fromZod(error)
  if (error instanceof HTTPException && error.status < 500) {
    const code = CODE_FOR_STATUS[error.status] ?? 'validation_failed'
    return new AppError(code, error.message || 'The request was refused', {}, error.status)
  }
  return undefined
}

function fromZod(error: ZodError): AppError {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'body'
  const message = issue ? `${field}: ${issue.message}` : 'The request is not valid'
  return new AppError('validation_failed', message, { field })
}
