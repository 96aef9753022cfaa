import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { normalizeFace } from '../../../../proxy/images/normalize'
import { halves, noise, phonePhoto, pixelAt } from './fixtures'

const LIMIT = 200 * 1024

async function expectTerminalReady(jpeg: Buffer) {
  const meta = await sharp(jpeg).metadata()
  expect(meta.format).toBe('jpeg')
  expect(meta.isProgressive).toBe(false)
  expect(meta.chromaSubsampling).toBe('4:2:0')
  expect(meta.exif).toBeUndefined()
  expect(meta.orientation).toBeUndefined()
  expect(meta.icc).toBeUndefined()
  expect(jpeg.length).toBeLessThanOrEqual(LIMIT)
  expect(jpeg.length).toBeGreaterThanOrEqual(1024)
  const width = meta.width ?? 0
  const height = meta.height ?? 0
  expect(Math.max(width, height) / Math.min(width, height)).toBeLessThanOrEqual(2)
  return meta
}

function isNear(pixel: [number, number, number], expected: [number, number, number], tolerance = 24) {
  return pixel.every((value, i) => Math.abs(value - (expected[i] ?? 0)) <= tolerance)
}

describe('normalizeFace: what comes out is what terminals accept', () => {
  it('turns a 12 MP phone photo into a baseline 4:2:0 JPEG under 200 KB without metadata', async () => {
    const input = await phonePhoto()
    expect(input.length).toBeGreaterThan(LIMIT)
    const face = await normalizeFace(input)
    const meta = await expectTerminalReady(face.jpeg)
    expect([face.width, face.height]).toEqual([meta.width, meta.height])
    expect([face.width, face.height]).toEqual([600, 450])
    expect(face.bytes).toBe(face.jpeg.length)
    expect(face.sourceFormat).toBe('jpeg')
    expect(face.quality).toBeGreaterThanOrEqual(40)
    expect(face.quality).toBeLessThanOrEqual(90)
  }, 30_000)

  it('bakes the EXIF orientation into the pixels', async () => {
    const rotated = await normalizeFace(await phonePhoto(6))
    expect([rotated.width, rotated.height]).toEqual([600, 800])
    await expectTerminalReady(rotated.jpeg)

    // Orientation 6 means "turn 90° clockwise to view": the stored left (red) half ends up on top.
    const stored = await (
      await halves(400, 200)
    )
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer()
    const face = await normalizeFace(stored)
    expect([face.width, face.height]).toEqual([200, 400])
    expect(isNear(await pixelAt(face.jpeg, 100, 40), [255, 0, 0])).toBe(true)
    expect(isNear(await pixelAt(face.jpeg, 100, 360), [0, 0, 255])).toBe(true)
  }, 30_000)

  it('puts transparent parts of a PNG on white', async () => {
    const detail = await noise(120, 120).png().toBuffer()
    const png = await sharp({
      create: { width: 240, height: 240, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([{ input: detail, left: 60, top: 60 }])
      .png()
      .toBuffer()
    expect((await sharp(png).metadata()).hasAlpha).toBe(true)
    const face = await normalizeFace(png)
    await expectTerminalReady(face.jpeg)
    expect(face.sourceFormat).toBe('png')
    expect(isNear(await pixelAt(face.jpeg, 8, 8), [255, 255, 255], 6)).toBe(true)
    expect(isNear(await pixelAt(face.jpeg, 231, 231), [255, 255, 255], 6)).toBe(true)
  })

  it('reads WebP and AVIF', async () => {
    const webp = await noise(300, 400, 20).webp().toBuffer()
    const fromWebp = await normalizeFace(webp)
    expect(fromWebp.sourceFormat).toBe('webp')
    expect([fromWebp.width, fromWebp.height]).toEqual([300, 400])
    await expectTerminalReady(fromWebp.jpeg)

    const avif = await noise(120, 160, 20).avif({ effort: 0 }).toBuffer()
    const fromAvif = await normalizeFace(avif)
    expect(fromAvif.sourceFormat).toBe('avif')
    await expectTerminalReady(fromAvif.jpeg)
  })

  it('crops a panorama to 2:1 around its centre', async () => {
    const third = (colour: string) =>
      sharp({ create: { width: 1000, height: 500, channels: 3, background: colour } })
        .png()
        .toBuffer()
    const panorama = await sharp({ create: { width: 3000, height: 500, channels: 3, background: '#ff0000' } })
      .composite([
        { input: await third('#00ff00'), left: 1000, top: 0 },
        { input: await third('#0000ff'), left: 2000, top: 0 },
        { input: await noise(200, 200).png().toBuffer(), left: 1400, top: 150 },
      ])
      .png()
      .toBuffer()
    const face = await normalizeFace(panorama)
    expect([face.width, face.height]).toEqual([600, 300])
    expect(isNear(await pixelAt(face.jpeg, 3, 150), [0, 255, 0])).toBe(true)
    expect(isNear(await pixelAt(face.jpeg, 596, 150), [0, 255, 0])).toBe(true)
  })

  it('crops a very tall picture to 1:2 and fits it in the box', async () => {
    const face = await normalizeFace(await noise(500, 3000, 20).png().toBuffer())
    expect([face.width, face.height]).toEqual([400, 800])
    await expectTerminalReady(face.jpeg)
  })

  it('keeps a small picture at its size (never enlarges)', async () => {
    const face = await normalizeFace(await noise(80, 100, 30).png().toBuffer())
    expect([face.width, face.height]).toEqual([80, 100])
  })

  it('finds the highest quality that fits the limit', async () => {
    // Lossless noise that already fits the box: the raw pixels are the PNG's, so we can check the neighbour.
    const png = await noise(600, 800).png().toBuffer()
    const face = await normalizeFace(png)
    expect(face.quality).toBeLessThan(90)
    expect(face.bytes).toBeLessThanOrEqual(LIMIT)
    const oneHigher = await sharp(png)
      .jpeg({
        quality: face.quality + 1,
        progressive: false,
        chromaSubsampling: '4:2:0',
        optimiseCoding: true,
      })
      .toBuffer()
    expect(oneHigher.length).toBeGreaterThan(LIMIT)
    await expectTerminalReady(face.jpeg)
  })

  it('shrinks the pixels when even the lowest quality is too big', async () => {
    const face = await normalizeFace(await noise(600, 800).png().toBuffer(), { maxBytes: 30 * 1024 })
    expect(face.bytes).toBeLessThanOrEqual(30 * 1024)
    expect(face.width).toBeLessThan(600)
    expect(face.width / face.height).toBeCloseTo(600 / 800, 1)
  })

  it('gives the same bytes for the same input', async () => {
    const input = await phonePhoto(6)
    const first = await normalizeFace(input)
    const second = await normalizeFace(new Uint8Array(input))
    expect(Buffer.compare(first.jpeg, second.jpeg)).toBe(0)
  }, 30_000)

  it('turns 16-bit and greyscale pictures into ordinary colour JPEGs', async () => {
    const deep = await noise(200, 200, 20).toColourspace('rgb16').png().toBuffer()
    const grey = await noise(200, 200, 20).greyscale().jpeg().toBuffer()
    for (const input of [deep, grey]) {
      const face = await normalizeFace(input)
      const meta = await expectTerminalReady(face.jpeg)
      expect(meta.channels).toBe(3)
      expect(meta.space).toBe('srgb')
    }
  })
})
