import { describe, expect, it } from 'vitest'
import { Handoff } from '../../../../../proxy/domain/jobs/handoff'

describe('the hand-over between reader and writer', () => {
  it('lets the reader run only so far ahead, in order', async () => {
    const handoff = new Handoff<number>(2)
    const put: number[] = []
    const reader = (async () => {
      for (let i = 1; i <= 4; i++) {
        await handoff.put(i)
        put.push(i)
      }
      handoff.close()
    })()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(put).toEqual([1, 2])
    const taken: number[] = []
    for (let next = await handoff.take(); next !== undefined; next = await handoff.take()) taken.push(next)
    await reader
    expect(taken).toEqual([1, 2, 3, 4])
  })

  it('releases a reader waiting for room when the writer stops', async () => {
    const handoff = new Handoff<number>(1)
    await handoff.put(1)
    const waiting = handoff.put(2)
    handoff.close()
    expect(await waiting).toBe(false)
  })
})
