import { describe, expect, it } from 'vitest'
import type { DetectedFace } from '../../../../web/face/checks'
import { judge } from '../../../../web/face/judge'
import type { Pixels } from '../../../../web/face/imageStats'

const W = 300
const H = 400

/** A picture whose face area is a checkerboard (sharp edges) of the given grey levels on a mid-grey frame. */
function picture(dark = 60, light = 200, blur = false): Pixels {
  const data = new Uint8ClampedArray(W * H * 4)
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 4
      const checker = (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0
      const value = blur ? (dark + light) / 2 : checker ? light : dark
      data[i] = data[i + 1] = data[i + 2] = value
      data[i + 3] = 255
    }
  return { data, width: W, height: H }
}

function face(overrides: Partial<DetectedFace> = {}): DetectedFace {
  return {
    box: { x: 80, y: 100, width: 140, height: 140 },
    score: 0.95,
    yaw: 3,
    pitch: -2,
    eyeOpen: 0.3,
    ...overrides,
  }
}

describe('judging a picture from what the detector found', () => {
  it('passes one large, frontal, lit, sharp face with open eyes, and frames a 3:4 crop around it', () => {
    const verdict = judge(picture(), [face()], 12)
    expect(verdict.problems).toEqual([])
    expect(verdict.faces).toBe(1)
    const crop = verdict.crop!
    expect((crop.width * W) / (crop.height * H)).toBeCloseTo(0.75, 2)
    expect(crop.x * W + (crop.width * W) / 2).toBeCloseTo(150, 0)
  })

  it('names no face, several faces, a small face', () => {
    expect(judge(picture(), [], 1).problems).toEqual(['noFace'])
    expect(
      judge(picture(), [face(), face({ box: { x: 0, y: 0, width: 120, height: 120 } })], 1).problems,
    ).toEqual(['manyFaces'])
    expect(judge(picture(), [face({ box: { x: 10, y: 10, width: 90, height: 90 } })], 1).problems).toEqual([
      'small',
    ])
  })

  it('does not count a detection under the score floor as a face', () => {
    expect(judge(picture(), [face(), face({ score: 0.2 })], 1).problems).toEqual([])
  })

  it('refuses a head turned or bowed past 20°, and closed eyes', () => {
    expect(judge(picture(), [face({ yaw: 21 })], 1).problems).toEqual(['turned'])
    expect(judge(picture(), [face({ pitch: -25 })], 1).problems).toEqual(['turned'])
    expect(judge(picture(), [face({ yaw: -20, pitch: 20 })], 1).problems).toEqual([])
    expect(judge(picture(), [face({ eyeOpen: 0.05 })], 1).problems).toEqual(['eyesClosed'])
    // a model without eye landmarks cannot tell: no verdict on the eyes
    expect(judge(picture(), [face({ eyeOpen: null, yaw: null, pitch: null })], 1).problems).toEqual([])
  })

  it('names a dark face first, a burnt-out face, and a face without edges', () => {
    expect(judge(picture(10, 40), [face()], 1).problems[0]).toBe('dark')
    expect(judge(picture(252, 255), [face()], 1).problems).toContain('bright')
    expect(judge(picture(60, 200, true), [face()], 1).problems).toEqual(['blurred'])
  })

  it('says "dark" of a dark room where no face was found', () => {
    expect(judge(picture(5, 20), [], 1).problems).toEqual(['dark', 'noFace'])
  })
})
