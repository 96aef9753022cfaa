import { describe, expect, it } from 'vitest'
import { createLimiter } from '../../../../proxy/images/limiter'

const tick = () => new Promise((resolve) => setTimeout(resolve, 2))

describe('createLimiter', () => {
  it('never runs more than its concurrency, and starts waiting tasks in order', async () => {
    const limit = createLimiter(2)
    let running = 0
    let peak = 0
    const started: number[] = []
    const tasks = Array.from({ length: 8 }, (_, i) =>
      limit(async () => {
        started.push(i)
        running += 1
        peak = Math.max(peak, running)
        await tick()
        running -= 1
        return i * 10
      }),
    )
    expect(await Promise.all(tasks)).toEqual([0, 10, 20, 30, 40, 50, 60, 70])
    expect(peak).toBe(2)
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  })

  it('frees the slot of a task that fails', async () => {
    const limit = createLimiter(1)
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(limit(async () => 'next')).resolves.toBe('next')
  })

  it('refuses a concurrency below one', () => {
    expect(() => createLimiter(0)).toThrow()
  })
})
