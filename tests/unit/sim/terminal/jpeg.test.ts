import sharp, { type JpegOptions } from 'sharp'
import { describe, expect, it } from 'vitest'
import { inspectJpeg } from '../../../sim/terminal/jpeg'
import { SAMPLE_FACE_JPEG } from '../../../sim/terminal/sample-face'

function picture(jpeg: JpegOptions) {
  return sharp({ create: { width: 160, height: 200, channels: 3, background: { r: 90, g: 120, b: 150 } } })
    .jpeg({ mozjpeg: false, ...jpeg })
    .toBuffer()
}

describe('JPEG frame inspection, the way a terminal judges a face upload', () => {
  it('baseline 4:2:0', async () => {
    expect(inspectJpeg(await picture({ chromaSubsampling: '4:2:0' }))).toEqual({
      progressive: false,
      width: 160,
      height: 200,
      subsampling: '4:2:0',
    })
  })

  it('progressive, 4:4:4 and greyscale are told apart', async () => {
    expect(inspectJpeg(await picture({ progressive: true }))?.progressive).toBe(true)
    expect(inspectJpeg(await picture({ chromaSubsampling: '4:4:4' }))?.subsampling).toBe('4:4:4')
    const grey = await sharp({ create: { width: 90, height: 90, channels: 3, background: '#777' } })
      .toColourspace('b-w')
      .jpeg()
      .toBuffer()
    expect(inspectJpeg(grey)?.subsampling).toBe('gray')
  })

  it('anything else is not a JPEG', () => {
    expect(inspectJpeg(Buffer.from('GIF89a'))).toBeNull()
    expect(inspectJpeg(Buffer.from([0xff, 0xd8, 0xff]))).toBeNull()
    expect(inspectJpeg(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00, 0x00]))).toBeNull()
  })

  it('the seeded enrolment photo passes the checks it makes on uploads', () => {
    expect(SAMPLE_FACE_JPEG.length).toBeGreaterThan(1024)
    expect(inspectJpeg(SAMPLE_FACE_JPEG)).toMatchObject({ progressive: false, subsampling: '4:2:0' })
  })
})
