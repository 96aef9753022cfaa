/** A route's query string as the client sends it: an undefined value is left out. */
export type Query = Record<string, string | number | undefined>

/** One path segment from a value the proxy gave (an id, an employee number), so `/` or `?` cannot break it. */
export const segment = (value: string | number): string => encodeURIComponent(String(value))
