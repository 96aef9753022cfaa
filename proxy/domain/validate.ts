import type { z } from 'zod'
import { AppError } from '../../shared/errors'

/**
 * Checks a value against a shared schema at the edge of a use case: a mismatch becomes
 * `validation_failed` naming the field at fault, whoever the caller is (a route, a test, a job).
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const path = [...(prefix ? [prefix] : []), ...(issue?.path ?? []).map(String)]
  const field = path.length > 0 ? path.join('.') : 'body'
  throw new AppError('validation_failed', `${field}: ${issue?.message ?? 'is not valid'}`, { field })
}
