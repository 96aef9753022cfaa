/**
 * A token bucket that keeps the outbox under the backend's rate limit (200 requests a minute in
 * production, shared with the pages that read from it): short bursts are fine, the long-run rate is not
 * exceeded.
 */
export class Pacer {
  private tokens: number
  private refilledAt: number
  private readonly perMs: number

  constructor(
    perMinute: number,
    private readonly burst: number,
    now: number,
  ) {
    if (perMinute <= 0 || burst < 1)
      throw new Error('a pacer needs a positive rate and a burst of at least 1')
    this.perMs = perMinute / 60_000
    this.tokens = burst
    this.refilledAt = now
  }

  /** Takes one request's worth of allowance if there is one. */
  take(now: number): boolean {
    this.refill(now)
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** When the next request will be allowed (now, if one is allowed already). */
  nextAt(now: number): number {
    this.refill(now)
    return this.tokens >= 1 ? now : now + Math.ceil((1 - this.tokens) / this.perMs)
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.refilledAt)
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perMs)
    this.refilledAt = now
  }
}
