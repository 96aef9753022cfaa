import { describe, expect, it } from 'vitest'
import { MergeGate } from '../../../../../proxy/domain/event-relay/merge-gate'

describe('merging the terminals by event time', () => {
  it('lets an event go once every terminal has caught up to its time', () => {
    const gate = new MergeGate(60_000)
    const marks = [
      { deviceId: 'entrance', watermarkMs: 1_000 },
      { deviceId: 'exit', watermarkMs: 500 },
    ]
    expect(gate.check(800, marks, 0)).toMatchObject({ open: false, waitingFor: ['exit'], retryAtMs: 60_000 })
    marks[1] = { deviceId: 'exit', watermarkMs: 900 }
    expect(gate.check(800, marks, 10)).toMatchObject({ open: true, waitingFor: [] })
  })

  it('holds for a bounded time for a terminal that is behind, then passes it over and reports it', () => {
    const gate = new MergeGate(60_000)
    const marks = [{ deviceId: 'dead', watermarkMs: 0 }]
    expect(gate.check(100, marks, 1_000).open).toBe(false)
    expect(gate.holding(30_000)).toEqual(['dead'])
    expect(gate.check(200, marks, 59_999).open).toBe(false)
    expect(gate.check(300, marks, 61_000).open).toBe(true)
    expect(gate.behind(61_000)).toEqual(['dead'])
    // once it has caught up it is no longer behind, and would hold again next time
    expect(gate.check(300, [{ deviceId: 'dead', watermarkMs: 400 }], 62_000).open).toBe(true)
    expect(gate.behind(62_000)).toEqual([])
  })
})
