import type { Context } from 'hono'
import type { z } from 'zod'
import { AppError } from '../../shared/errors'
import { bodyKind } from './media-type'

/**
 * Reads the JSON body and checks it against a shared schema. Malformed JSON is the caller's mistake
 * (400 `validation_failed`, field `body`), and so is a schema mismatch (field = the path at fault). A body
 * declared as anything but `application/json` is `415 unsupported_media_type`.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  bodyKind(c, ['json'])
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch (error) {
    if (error instanceof AppError) throw error
    if (!(error instanceof SyntaxError)) throw error
    throw new AppError('validation_failed', 'The request body is not valid JSON', { field: 'body' })
  }
  return schema.parse(body)
}
