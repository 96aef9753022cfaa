import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildProgress } from '../../../proxy/build-progress'

describe('progress while the app is built at start-up', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('says every few seconds how far it got, names each phase, and says when it is done', () => {
    const lines: string[] = []
    const progress = buildProgress((line) => lines.push(line), { everyMs: 3_000, now: () => Date.now() })
    const hooks = progress.plugin as unknown as Record<string, () => unknown>
    for (let i = 0; i < 120; i++) hooks.transform?.()
    vi.advanceTimersByTime(3_000)
    expect(lines.at(-1)).toBe('  … reading the sources: 120 modules, 3 s\n')
    hooks.renderStart?.()
    expect(lines.at(-1)).toMatch(/bundling: 120 modules/)
    vi.advanceTimersByTime(6_000)
    expect(lines.filter((line) => line.includes('bundling'))).toHaveLength(3)
    hooks.writeBundle?.()
    progress.done()
    expect(lines.at(-1)).toBe('  The app is built (120 modules, 9 s).\n')
    const count = lines.length
    vi.advanceTimersByTime(10_000)
    expect(lines).toHaveLength(count)
  })
})
