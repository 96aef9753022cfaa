import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaceCheckRig, type FaceCheckRig } from './face-check-rig'

// Real photos (tests/fixtures/faces/README.md says where they come from) through the built worker in Chromium.
describe('the face check in Chromium’s worker (built app in dist/)', () => {
  let rig: FaceCheckRig

  beforeAll(async () => {
    rig = await startFaceCheckRig()
    const loaded = await rig.start()
    expect(loaded.backend).toBe('wasm')
  }, 120_000)
  afterAll(async () => {
    await rig?.close()
  })

  it('passes one person, frontal, lit and sharp, and frames the crop around the face', async () => {
    const verdict = await rig.check('one-person.jpg')
    expect(verdict.problems).toEqual([])
    expect(verdict.faces).toBe(1)
    const { face, crop } = verdict
    if (!face || !crop) throw new Error('no face or crop')
    // the crop holds the whole face, centred across, in 3:4 portrait
    expect(crop.x).toBeLessThanOrEqual(face.x)
    expect(crop.x + crop.width).toBeGreaterThanOrEqual(face.x + face.width)
    expect(crop.y).toBeLessThanOrEqual(face.y)
    expect(crop.y + crop.height).toBeGreaterThanOrEqual(face.y + face.height)
    expect(Math.abs(crop.x + crop.width / 2 - (face.x + face.width / 2))).toBeLessThan(0.05)
    expect((crop.width * 360) / (crop.height * 480)).toBeCloseTo(3 / 4, 1)
  })

  it('says "only one person" for two people', async () => {
    const verdict = await rig.check('two-people.jpg')
    expect(verdict.problems).toContain('manyFaces')
    expect(verdict.faces).toBe(2)
  })

  it('says "come closer" for a small face far from the camera', async () => {
    const verdict = await rig.check('far-face.jpg')
    expect(verdict.faces).toBe(1)
    expect(verdict.problems).toEqual(['small'])
  })

  it('refuses a face turned away from the camera', async () => {
    const verdict = await rig.check('turned-face.jpg')
    expect(verdict.problems).toContain('turned')
  })

  it('says "a lighter place" for the same photo taken in the dark', async () => {
    const verdict = await rig.check('one-person-dark.jpg')
    expect(verdict.problems[0]).toBe('dark')
  })

  it('refuses the same photo over-exposed', async () => {
    const verdict = await rig.check('one-person-overexposed.jpg')
    expect(verdict.problems).toContain('bright')
  })

  it('refuses the same photo blurred', async () => {
    const verdict = await rig.check('one-person-blurred.jpg')
    expect(verdict.problems).toContain('blurred')
    expect(verdict.problems).not.toContain('dark')
  })

  it('finds no face on a wall or a document', async () => {
    for (const fixture of ['wall.jpg', 'document.png']) {
      const verdict = await rig.check(fixture)
      expect(verdict.problems, fixture).toContain('noFace')
      expect(verdict.faces, fixture).toBe(0)
      expect(verdict.crop, fixture).toBeNull()
    }
  })
})
