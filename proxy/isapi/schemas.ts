import { z } from 'zod'

/*
 * Building blocks for device documents. Firmware prints numbers as strings and booleans as "true"/"false"
 * in XML and sometimes in JSON, and adds members freely, so every reader is lenient about those and strict
 * about nothing else.
 */

export const int = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/),
  ])
  .transform((v) => Math.trunc(Number(v)))

export const str = z.union([z.string(), z.number(), z.boolean()]).transform(String)

export const bool = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true')

/** `[…]`, one bare object, or nothing: always an array afterwards. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .union([z.array(item), item])
    .optional()
    .transform((v): z.output<T>[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
}

export type SearchStatus = 'MORE' | 'OK' | 'NO MATCH'

/** `responseStatusStrg`: MORE, OK or NO MATCH, spelled however this firmware spells it. */
export const searchStatus = z
  .string()
  .transform((v) =>
    v
      .trim()
      .toUpperCase()
      .replace(/[\s_]+/g, ' '),
  )
  .pipe(z.enum(['MORE', 'OK', 'NO MATCH', 'NOMATCH']))
  .transform((v): SearchStatus => (v === 'NOMATCH' ? 'NO MATCH' : v))
