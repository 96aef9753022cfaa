import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { isAccepted, sniffFormat } from '../../../../proxy/images/sniff'

const tiny = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })

describe('sniffFormat: the file type comes from the bytes', () => {
  it('recognises the formats we read', async () => {
    expect(sniffFormat(await tiny().jpeg().toBuffer())).toBe('jpeg')
    expect(sniffFormat(await tiny().png().toBuffer())).toBe('png')
    expect(sniffFormat(await tiny().webp().toBuffer())).toBe('webp')
    expect(sniffFormat(await tiny().avif().toBuffer())).toBe('avif')
    expect(sniffFormat(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'))).toBe('heic')
    expect(sniffFormat(Buffer.from('\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf', 'latin1'))).toBe('avif')
  })

  it('names the pictures we refuse and knows nothing of the rest', async () => {
    expect(sniffFormat(await tiny().gif().toBuffer())).toBe('gif')
    expect(sniffFormat(await tiny().tiff().toBuffer())).toBe('tiff')
    expect(sniffFormat(Buffer.from('\uFEFF  <?xml version="1.0"?><svg/>'))).toBe('svg')
    expect(sniffFormat(Buffer.from('<svg viewBox="0 0 1 1"/>'))).toBe('svg')
    expect(sniffFormat(Buffer.from('%PDF-1.7'))).toBe('pdf')
    expect(sniffFormat(Buffer.from('BM\0\0'))).toBe('bmp')
    expect(sniffFormat(Buffer.from('hello'))).toBe('unknown')
    expect(sniffFormat(new Uint8Array(0))).toBe('unknown')
    expect(isAccepted('gif')).toBe(false)
    expect(isAccepted('jpeg')).toBe(true)
  })
})
