import { describe, expect, it } from 'vitest'
import { FailureLimiter, PairingFailures, clientKey } from '../../../../proxy/net/rate-limit'

function limiter(max = 5) {
  let now = 1_000_000
  const l = new FailureLimiter({ max, windowMs: 60_000, now: () => now, maxClients: 3 })
  return { l, advance: (ms: number) => (now += ms) }
}

describe('wrong-code limiter', () => {
  it('allows five failures a minute, then asks the client to wait', () => {
    const { l, advance } = limiter()
    for (let i = 0; i < 5; i += 1) {
      expect(l.retryAfterSec('10.0.0.5')).toBe(0)
      l.recordFailure('10.0.0.5')
      advance(1_000)
    }
    expect(l.retryAfterSec('10.0.0.5')).toBe(55)
    expect(l.retryAfterSec('10.0.0.6')).toBe(0)
  })

  it('lets the client try again once the oldest failure leaves the window', () => {
    const { l, advance } = limiter()
    for (let i = 0; i < 5; i += 1) l.recordFailure('10.0.0.5')
    advance(60_001)
    expect(l.retryAfterSec('10.0.0.5')).toBe(0)
  })

  it('counts an IPv6 /64 as one client, and a mapped IPv4 address as the IPv4 one', () => {
    expect(clientKey('2001:db8:1:2::10')).toBe(clientKey('2001:db8:1:2:ffff::1'))
    expect(clientKey('2001:db8:1:2::10')).not.toBe(clientKey('2001:db8:1:3::10'))
    expect(clientKey('::ffff:192.168.1.9')).toBe('192.168.1.9')
  })

  it('forgets the least recently failing client when it remembers too many', () => {
    const { l } = limiter(1)
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) l.recordFailure(ip)
    expect(l.retryAfterSec('10.0.0.1')).toBe(0)
    expect(l.retryAfterSec('10.0.0.4')).toBeGreaterThan(0)
  })
})

describe('pairing failures for the whole proxy', () => {
  it('stops guessing from many addresses once the proxy-wide count is reached', () => {
    let now = 1_000_000
    const failures = new PairingFailures({ perClient: 5, overall: 20, windowMs: 60_000, now: () => now })
    // 20 addresses, each well under its own limit of 5
    for (let i = 0; i < 20; i += 1) {
      const client = `10.0.${i}.1`
      expect(failures.retryAfterSec(client), client).toBe(0)
      failures.recordFailure(client)
    }
    expect(failures.retryAfterSec('10.0.99.1')).toBe(60)
    now += 60_001
    expect(failures.retryAfterSec('10.0.99.1')).toBe(0)
  })

  it('still limits one address on its own', () => {
    const failures = new PairingFailures({ perClient: 5, overall: 20, windowMs: 60_000, now: () => 0 })
    for (let i = 0; i < 5; i += 1) failures.recordFailure('10.0.0.5')
    expect(failures.retryAfterSec('10.0.0.5')).toBeGreaterThan(0)
    expect(failures.retryAfterSec('10.0.0.6')).toBe(0)
  })
})
