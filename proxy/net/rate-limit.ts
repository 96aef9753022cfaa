import ipaddr from 'ipaddr.js'

export interface FailureLimiterOptions {
  /** failures allowed inside one window; the next attempt is refused */
  max: number
  windowMs: number
  now?: () => number
  /** how many clients to remember at most, so a flood of addresses cannot grow memory without bound */
  maxClients?: number
}

/**
 * Counts failures (wrong pairing codes) per client over a sliding window. A client over the limit is
 * refused until its oldest failure leaves the window, which makes guessing a code hopeless.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()
  private readonly now: () => number
  private readonly maxClients: number

  constructor(private readonly options: FailureLimiterOptions) {
    this.now = options.now ?? Date.now
    this.maxClients = options.maxClients ?? 10_000
  }

  /** Seconds until `client` may try again, or 0 when it may try now. */
  retryAfterSec(client: string): number {
    const recent = this.recent(clientKey(client))
    if (recent.length < this.options.max) return 0
    const oldest = recent[recent.length - this.options.max] as number
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.now()) / 1000))
  }

  recordFailure(client: string): void {
    const key = clientKey(client)
    const recent = this.recent(key)
    recent.push(this.now())
    this.failures.delete(key)
    this.failures.set(key, recent)
    if (this.failures.size > this.maxClients) {
      const stalest = this.failures.keys().next().value as string
      this.failures.delete(stalest)
    }
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since)
    if (kept.length === 0) this.failures.delete(key)
    else this.failures.set(key, kept)
    return kept
  }
}

/** The key every address shares in the proxy-wide count. */
const EVERYONE = '*'

/**
 * Wrong pairing codes counted per address and for the whole proxy: many addresses (a LAN full of them,
 * or spoofed IPv6 /64s) each under their own limit still meet the proxy's. Past it, pairing waits for
 * everyone until the window moves on, which costs a real screen a minute at worst.
 */
export class PairingFailures {
  private readonly perClient: FailureLimiter
  private readonly overall: FailureLimiter

  constructor(options: { perClient: number; overall: number; windowMs: number; now?: () => number }) {
    const { windowMs, now } = options
    this.perClient = new FailureLimiter({ max: options.perClient, windowMs, ...(now ? { now } : {}) })
    this.overall = new FailureLimiter({ max: options.overall, windowMs, ...(now ? { now } : {}) })
  }

  /** Seconds until `client` may try again (its own limit or the proxy's), or 0 when it may try now. */
  retryAfterSec(client: string): number {
    return Math.max(this.perClient.retryAfterSec(client), this.overall.retryAfterSec(EVERYONE))
  }

  recordFailure(client: string): void {
    this.perClient.recordFailure(client)
    this.overall.recordFailure(EVERYONE)
  }
}

/**
 * One IPv6 host usually owns a whole /64, so counting per address would let it rotate addresses freely;
 * IPv4 (and IPv4-mapped IPv6) counts per address.
 */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address
  const ip = ipaddr.process(address)
  if (ip.kind() === 'ipv4') return ip.toString()
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4)
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`
}
