import { z } from 'zod'

/**
 * What a name may not hold: C0/C1 control characters (NUL included), line and paragraph separators, the
 * bidirectional marks, embeddings, overrides and isolates (they make "Ali" display as something else in a
 * list or the audit) and lone surrogate halves (not text at all; a device or the school server would
 * choke). With the `u` flag a surrogate range only matches a half that has no partner. Every other letter
 * stays: Uzbek ʻ (U+02BB) and ʼ (U+02BC), Cyrillic, apostrophes, hyphens.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u

/** True when a name holds none of the forbidden characters above. */
export function isPlainText(value: string): boolean {
  return !FORBIDDEN.test(value)
}

/** A trimmed name of `min`–`max` characters without control, bidi-override or lone-surrogate characters. */
export function plainName(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(isPlainText, 'must not contain control, direction-override or broken characters')
}
