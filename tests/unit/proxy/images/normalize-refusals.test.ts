import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { AppError } from '../../../../shared/errors'
import { normalizeFace, probeImage, type ImageRefusal } from '../../../../proxy/images/normalize'
import { noise } from './fixtures'

async function refusal(input: Uint8Array, options?: Parameters<typeof normalizeFace>[1]) {
  const error = await normalizeFace(input, options).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  const appError = error as AppError
  expect(appError.code).toBe('image_invalid')
  expect(appError.status).toBe(422)
  expect(appError.message.length).toBeGreaterThan(10)
  return { reason: (appError.extra.details as { reason: ImageRefusal }).reason, message: appError.message }
}

function seededBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length)
  let seed = 12345
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0
    bytes[i] = seed >>> 24
  }
  return bytes
}

describe('normalizeFace: refusals say why', () => {
  it('refuses zero bytes as empty', async () => {
    expect((await refusal(new Uint8Array(0))).reason).toBe('empty')
  })

  it('refuses random bytes and a text file as not a picture', async () => {
    expect((await refusal(seededBytes(4096))).reason).toBe('unsupported_type')
    const text = await refusal(Buffer.from('Familiya,Ism\nKarimov,Aziz\n'))
    expect(text.reason).toBe('unsupported_type')
    expect(text.message).toMatch(/JPEG, PNG or WebP/)
  })

  it('refuses GIF and SVG pictures by name', async () => {
    const gif = await noise(100, 100).gif().toBuffer()
    expect(await refusal(gif)).toMatchObject({
      reason: 'unsupported_type',
      message: expect.stringMatching(/GIF/),
    })
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle r="50"/></svg>',
    )
    expect(await refusal(svg)).toMatchObject({
      reason: 'unsupported_type',
      message: expect.stringMatching(/SVG/),
    })
  })

  it('refuses a HEIC photo it cannot decode with advice to send a JPEG', async () => {
    const heicHeader = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      seededBytes(2048),
    ])
    const { reason, message } = await refusal(heicHeader)
    expect(reason).toBe('unsupported_type')
    expect(message).toMatch(/HEIC/)
  })

  it('refuses a truncated JPEG and a damaged PNG as undecodable', async () => {
    const jpeg = await noise(400, 400).jpeg().toBuffer()
    expect((await refusal(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).reason).toBe('undecodable')
    const png = await noise(400, 400).png().toBuffer()
    const damaged = Buffer.concat([png.subarray(0, 64), seededBytes(png.length - 64)])
    expect((await refusal(damaged)).reason).toBe('undecodable')
  })

  it('refuses a picture whose short side is under 80 px', async () => {
    expect((await refusal(await noise(60, 60).png().toBuffer())).reason).toBe('too_small')
    const sliver = await refusal(await noise(3000, 70).png().toBuffer())
    expect(sliver.reason).toBe('too_small')
    expect(sliver.message).toMatch(/3000×70/)
  })

  it('refuses a decompression bomb before decoding it', async () => {
    // 50 MP of one colour compresses to a small file; decoding it would take 150 MB.
    const bomb = await sharp({ create: { width: 10_000, height: 5_000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer()
    expect(bomb.length).toBeLessThan(1024 * 1024)
    expect((await refusal(bomb)).reason).toBe('too_large')
    expect((await refusal(await noise(200, 200).png().toBuffer(), { maxInputBytes: 10_000 })).reason).toBe(
      'too_large',
    )
  })

  it('refuses a blank picture that terminals would find no face in', async () => {
    const white = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ffffff' } })
      .jpeg()
      .toBuffer()
    expect((await refusal(white)).reason).toBe('blank')
  })

  it('probes without decoding: size as displayed and the same refusals', async () => {
    const rotated = await noise(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    expect(await probeImage(rotated)).toEqual({
      format: 'jpeg',
      width: 200,
      height: 300,
      hasAlpha: false,
      bytes: rotated.length,
    })
    await expect(probeImage(Buffer.alloc(0))).rejects.toMatchObject({ code: 'image_invalid' })
  })
})
