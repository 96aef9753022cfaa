import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../proxy/backend/outbox-backoff'
import { Pacer } from '../../../../proxy/backend/outbox-pacer'

const policy = { baseMs: 2_000, capMs: 600_000 }
const almostOne = () => 0.999_999

describe('outbox backoff with full jitter', () => {
  it('doubles the ceiling with every attempt until the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 8, 9, 10, 20].map(
      (attempt) => backoffDelay(attempt, policy, almostOne) + 1,
    )
    expect(ceilings).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 256_000, 512_000, 600_000, 600_000])
  })

  it('draws every delay between zero and the ceiling', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1))
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, policy)
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThan(ceiling)
      }
    }
  })

  it('spreads retries out instead of sending them together', () => {
    const delays = new Set(Array.from({ length: 100 }, () => backoffDelay(6, policy)))
    expect(delays.size).toBeGreaterThan(90)
    expect(backoffDelay(6, policy, () => 0)).toBe(0)
  })

  it('treats a zero or negative attempt as the first and never overflows', () => {
    expect(backoffDelay(0, policy, almostOne)).toBe(1_999)
    expect(backoffDelay(10_000, policy, almostOne)).toBe(599_999)
  })

  it('defaults to about 2 s growing to 10 min', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 2_000, capMs: 600_000 })
  })
})

describe('outbox pacer', () => {
  it('allows a burst, then one request per interval of the rate', () => {
    const pacer = new Pacer(120, 3, 0)
    expect([pacer.take(0), pacer.take(0), pacer.take(0), pacer.take(0)]).toEqual([true, true, true, false])
    expect(pacer.nextAt(0)).toBe(500)
    expect(pacer.take(499)).toBe(false)
    expect(pacer.take(500)).toBe(true)
  })

  it('never lets the long-run rate exceed the limit', () => {
    const pacer = new Pacer(200, 10, 0)
    let sent = 0
    for (let t = 0; t <= 60_000; t += 10) if (pacer.take(t)) sent++
    expect(sent).toBeLessThanOrEqual(200 + 10)
    expect(sent).toBeGreaterThanOrEqual(200)
  })

  it('refuses a meaningless rate', () => {
    expect(() => new Pacer(0, 1, 0)).toThrow()
    expect(() => new Pacer(10, 0, 0)).toThrow()
  })
})
