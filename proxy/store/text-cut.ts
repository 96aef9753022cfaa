/**
 * Cuts a text to at most `max` characters with a visible mark of how much went, so nobody mistakes a cut
 * text for the whole one. Used for everything the proxy keeps of what a caller typed (the audit trail).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text
  return `${text.slice(0, max)}…[+${text.length - max} cut]`
}

/** `cutText` for a column that may be empty. */
export function cutOrNull(text: string | null | undefined, max: number): string | null {
  return text === null || text === undefined ? null : cutText(text, max)
}

/**
 * A value as JSON, or a small marker in its place when it is longer than `max` characters: a cut JSON text
 * would not parse, and a marker says what was dropped.
 */
export function jsonWithin(value: unknown, max: number): string | null {
  if (value === undefined || value === null) return null
  const json = JSON.stringify(value)
  return json.length <= max ? json : JSON.stringify({ cut: true, chars: json.length })
}
