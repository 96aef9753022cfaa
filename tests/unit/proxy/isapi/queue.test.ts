import { describe, expect, it } from 'vitest'
import { SerialQueue } from '../../../../proxy/isapi/queue'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('the per-device queue', () => {
  it('runs one task at a time, first in first out', async () => {
    const queue = new SerialQueue()
    const order: string[] = []
    let running = 0
    let most = 0
    const task = (name: string) => async () => {
      running++
      most = Math.max(most, running)
      order.push(`start ${name}`)
      await tick()
      order.push(`end ${name}`)
      running--
      return name
    }
    const results = await Promise.all(['a', 'b', 'c'].map((name) => queue.run(task(name))))
    expect(results).toEqual(['a', 'b', 'c'])
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
    expect(most).toBe(1)
    expect(queue.pending).toBe(0)
  })

  it('keeps going after a task fails or throws synchronously', async () => {
    const queue = new SerialQueue()
    const failing = queue.run(async () => {
      throw new Error('device said no')
    })
    const throwing = queue.run((() => {
      throw new Error('bad input')
    }) as () => Promise<never>)
    await expect(failing).rejects.toThrow('device said no')
    await expect(throwing).rejects.toThrow('bad input')
    await expect(queue.run(async () => 'still works')).resolves.toBe('still works')
  })

  it('drops a waiting task whose caller gave up, without running it', async () => {
    const queue = new SerialQueue()
    let ran = false
    const first = queue.run(tick)
    const cancel = new AbortController()
    const second = queue.run(async () => {
      ran = true
    }, cancel.signal)
    expect(queue.pending).toBe(2)
    cancel.abort(new Error('cancelled'))
    await expect(second).rejects.toThrow('cancelled')
    await first
    expect(ran).toBe(false)
    const already = new AbortController()
    already.abort(new Error('too late'))
    await expect(queue.run(async () => 1, already.signal)).rejects.toThrow('too late')
  })
})
