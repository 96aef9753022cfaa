// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../web/api/errors'
import { createHealthPoller } from '../../../web/composables/useProxyHealth'

const healthy = { ok: true as const, version: '0.1.0', paired: true }
const down = () => new ApiError('network', 'proxy_unreachable', 'Failed to fetch', null)

describe('proxy health polling', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('says "checking" until the first answer, then online with the version', async () => {
    const check = vi.fn().mockResolvedValue(healthy)
    const poller = createHealthPoller(check)
    expect(poller.state.status).toBe('checking')
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(poller.state).toMatchObject({ status: 'online', version: '0.1.0', paired: true, error: null })
    poller.stop()
  })

  it('backs off 2, 4, 8, 16, 30, 30 s while the proxy is down, and settles to the steady pace once back', async () => {
    let up = false
    const check = vi.fn(async () => {
      if (!up) throw down()
      return healthy
    })
    const poller = createHealthPoller(check, {
      intervalMs: 15_000,
      minBackoffMs: 2_000,
      maxBackoffMs: 30_000,
    })
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(poller.state.status).toBe('offline')
    expect(poller.state.error?.code).toBe('proxy_unreachable')

    const gaps: number[] = []
    for (let i = 0; i < 6; i++) {
      const calls = check.mock.calls.length
      let waited = 0
      while (check.mock.calls.length === calls) {
        await vi.advanceTimersByTimeAsync(500)
        waited += 500
      }
      gaps.push(waited)
    }
    expect(gaps).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000])

    up = true
    await vi.advanceTimersByTimeAsync(30_000)
    expect(poller.state.status).toBe('online')
    const calls = check.mock.calls.length
    await vi.advanceTimersByTimeAsync(14_999)
    expect(check.mock.calls.length).toBe(calls)
    await vi.advanceTimersByTimeAsync(1)
    expect(check.mock.calls.length).toBe(calls + 1)
    poller.stop()
  })

  it('keeps the last known state during a re-check so the pill does not flicker', async () => {
    let release: (value: typeof healthy) => void = () => undefined
    const check = vi
      .fn()
      .mockResolvedValueOnce(healthy)
      .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
    const poller = createHealthPoller(check)
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    void poller.checkNow()
    expect(poller.state.checking).toBe(true)
    expect(poller.state.status).toBe('online')
    release(healthy)
    await vi.advanceTimersByTimeAsync(0)
    expect(poller.state.checking).toBe(false)
    poller.stop()
  })

  it('checks at once on demand and stops polling when stopped', async () => {
    const check = vi.fn().mockRejectedValue(down())
    const poller = createHealthPoller(check)
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    await poller.checkNow()
    expect(check).toHaveBeenCalledTimes(2)
    poller.stop()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(check).toHaveBeenCalledTimes(2)
  })

  it('with the defaults, follows the proxy within 3 s each way, a proxy that hangs included', async () => {
    let mode: 'up' | 'refused' | 'hanging' = 'up'
    const check = vi.fn(
      (signal: AbortSignal) =>
        new Promise<typeof healthy>((resolve, reject) => {
          if (mode === 'up') resolve(healthy)
          else if (mode === 'refused') reject(down())
          else signal.addEventListener('abort', () => reject(new Error('aborted')))
        }),
    )
    const poller = createHealthPoller(check)
    poller.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(poller.state.status).toBe('online')

    for (const away of ['refused', 'hanging'] as const) {
      mode = away
      await vi.advanceTimersByTimeAsync(3_000)
      expect(poller.state.status, `${away}: offline within 3 s`).toBe('offline')
      mode = 'up'
      await vi.advanceTimersByTimeAsync(3_000)
      expect(poller.state.status, `${away}: back online within 3 s`).toBe('online')
    }
    poller.stop()
  })
})
