import { describe, expect, it } from 'vitest'
import { faceCrop, toPixels } from '../../../../web/face/faceCrop'

describe('the terminals’ framing around a face', () => {
  it('is 3:4 with the face centred across and twice the face’s width', () => {
    const crop = faceCrop({ x: 400, y: 300, width: 200, height: 200 }, 1280, 960)
    expect(crop.width).toBe(400)
    expect(crop.height).toBeCloseTo(533.3, 1)
    expect(crop.x + crop.width / 2).toBe(500)
    expect(crop.y).toBeLessThan(300)
  })

  it('is pushed back inside the picture at an edge, keeping the face in it', () => {
    const crop = faceCrop({ x: 0, y: 0, width: 150, height: 150 }, 640, 480)
    expect(crop.x).toBe(0)
    expect(crop.y).toBe(0)
    expect(crop.x + crop.width).toBeGreaterThanOrEqual(150)
  })

  it('shrinks to the picture when the face fills it, still 3:4', () => {
    const crop = faceCrop({ x: 100, y: 50, width: 400, height: 400 }, 640, 480)
    expect(crop.height).toBeLessThanOrEqual(480)
    expect(crop.width / crop.height).toBeCloseTo(0.75, 5)
    expect(crop.x).toBeGreaterThanOrEqual(0)
    expect(crop.x + crop.width).toBeLessThanOrEqual(640)
  })

  it('turns a relative crop into whole pixels inside the picture', () => {
    expect(toPixels({ x: 0.5, y: 0.25, width: 0.6, height: 0.5 }, 1000, 800)).toEqual({
      x: 500,
      y: 200,
      width: 500,
      height: 400,
    })
  })
})
