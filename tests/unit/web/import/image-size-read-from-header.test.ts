import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readImageInfo } from '../../../../web/import/imageInfo'

async function image(format: 'jpeg' | 'png' | 'webp', width: number, height: number, options = {}) {
  const made = sharp({ create: { width, height, channels: 3, background: '#336699' } })
  return new Uint8Array(await made.toFormat(format, options).toBuffer())
}

describe('readImageInfo', { timeout: 30_000 }, () => {
  it.each([
    ['jpeg', 480, 640, {}, 'image/jpeg'],
    ['jpeg', 640, 480, { progressive: true }, 'image/jpeg'],
    ['png', 333, 257, {}, 'image/png'],
    ['webp', 481, 641, {}, 'image/webp'],
    ['webp', 300, 200, { lossless: true }, 'image/webp'],
  ] as const)('reads a %s of %i×%i', async (format, width, height, options, type) => {
    expect(readImageInfo(await image(format, width, height, options))).toEqual({ type, width, height })
  })

  it('reads an extended WebP (VP8X, e.g. with an alpha channel)', async () => {
    const bytes = new Uint8Array(
      await sharp({
        create: { width: 250, height: 260, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
      })
        .webp()
        .toBuffer(),
    )
    expect(readImageInfo(bytes)).toEqual({ type: 'image/webp', width: 250, height: 260 })
  })

  it('refuses a JPEG or PNG cut off in transfer, a GIF, and bytes that are no image', async () => {
    const jpeg = await image('jpeg', 480, 640)
    const png = await image('png', 480, 640)
    expect(readImageInfo(jpeg.subarray(0, jpeg.length - 200))).toBeUndefined()
    expect(readImageInfo(png.subarray(0, png.length - 20))).toBeUndefined()
    expect(readImageInfo(await image('gif' as 'png', 10, 10))).toBeUndefined()
    expect(readImageInfo(new TextEncoder().encode('this is not an image, only words'))).toBeUndefined()
    expect(readImageInfo(new Uint8Array([0xff, 0xd8, 0xff]))).toBeUndefined()
  })
})
