export interface Backoff {
  minMs: number
  maxMs: number
}

/** A draft that failed for a passing reason waits 5 s, 10 s, 20 s … up to 5 minutes before the next try. */
export const DRAFT_BACKOFF: Backoff = { minMs: 5_000, maxMs: 5 * 60_000 }

/** The whole queue, while the proxy does not answer: 2 s, 4 s … 30 s (a health check can wake it sooner). */
export const PROXY_BACKOFF: Backoff = { minMs: 2_000, maxMs: 30_000 }

/** The wait after the `failures`-th failure in a row (1 → minMs). */
export function backoffDelay(failures: number, backoff: Backoff): number {
  if (failures <= 0) return 0
  return Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.min(failures - 1, 30))
}
