export interface BackoffPolicy {
  /** the ceiling of the first retry's delay */
  baseMs: number
  /** no retry waits longer than this */
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 10 * 60_000 }

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base · 2^(attempt-1))].
 * The randomness spreads out the retries of many reports that failed together (the backend went down),
 * so they do not all come back at the same instant when it returns.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30)
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent)
  return Math.floor(random() * ceiling)
}
