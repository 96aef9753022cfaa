import { describe, expect, it } from 'vitest'
import { etaSeconds } from '../../../../web/composables/jobEta'

describe('the time left on a copy job', () => {
  it('says nothing until the screen has seen someone processed', () => {
    expect(etaSeconds({ at: 0, processed: 0 }, { processed: 0, total: 200 }, 5_000)).toBeNull()
    expect(etaSeconds({ at: 5_000, processed: 3 }, { processed: 3, total: 200 }, 5_000)).toBeNull()
  })

  it('goes by the pace seen so far: 10 people in 5 s leaves 90 for 45 s', () => {
    expect(etaSeconds({ at: 0, processed: 0 }, { processed: 10, total: 100 }, 5_000)).toBe(45)
  })

  it('measures from when this screen started watching, not from the start of the job', () => {
    // 40 done when the phone opened it, 60 ten seconds later: 2 a second, 40 left
    expect(etaSeconds({ at: 1_000, processed: 40 }, { processed: 60, total: 100 }, 11_000)).toBe(20)
  })

  it('is zero when everyone is processed', () => {
    expect(etaSeconds({ at: 0, processed: 0 }, { processed: 100, total: 100 }, 30_000)).toBe(0)
  })
})
