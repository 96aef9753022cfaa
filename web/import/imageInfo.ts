import { MAX_PHOTO_PIXELS } from './limits'
import type { ImportPhoto, RowProblem } from './types'

export type ImageInfo = Pick<ImportPhoto, 'type' | 'width' | 'height'>

/**
 * The format and pixel size of a JPEG, PNG or WebP, read from its header bytes. A decoder (createImageBitmap,
 * sharp) would cost the whole image in memory and time for each of 500 photos, is missing in a worker on some
 * tablets and in Node tests; the size sits in the first few hundred bytes. Anything else → undefined.
 */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 24) return undefined
  if (bytes[0] === 0xff && bytes[1] === 0xd8)
    return isWhole(bytes, [0xff, 0xd9]) ? readJpeg(bytes) : undefined
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return isWhole(bytes, [0x49, 0x45, 0x4e, 0x44]) ? readPng(bytes) : undefined
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return readWebp(bytes)
  return undefined
}

/**
 * A picture's bytes as a row's photo, or why not: unreadable, or more pixels than a tablet can decode (read
 * from the header, so the picture is never decoded to find out). `source` says where it came from.
 */
export function photoOf(bytes: Uint8Array, source: string): { photo: ImportPhoto } | { problem: RowProblem } {
  const info = readImageInfo(bytes)
  if (!info) return { problem: { code: 'photo_unreadable', detail: source } }
  if (info.width * info.height > MAX_PHOTO_PIXELS) {
    return { problem: { code: 'photo_too_many_pixels', detail: `${info.width}×${info.height}` } }
  }
  return { photo: { bytes, ...info } }
}

// A photo cut off in transfer still has a good header but the terminal refuses it, so the end marker (JPEG EOI,
// PNG IEND) must be there too. Some cameras append a few KB after the JPEG's end marker, hence the tail window.
const TAIL = 4096

function isWhole(bytes: Uint8Array, endMarker: number[]): boolean {
  const from = Math.max(0, bytes.length - TAIL)
  for (let at = bytes.length - endMarker.length; at >= from; at -= 1) {
    if (endMarker.every((value, index) => bytes[at + index] === value)) return true
  }
  return false
}

function readPng(bytes: Uint8Array): ImageInfo | undefined {
  if (ascii(bytes, 12, 4) !== 'IHDR') return undefined
  return sized('image/png', u32be(bytes, 16), u32be(bytes, 20))
}

// Walks the marker segments to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC), which holds
// height then width. A file cut before its frame header, or with a zero size, is unreadable.
function readJpeg(bytes: Uint8Array): ImageInfo | undefined {
  let offset = 2
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined
    const marker = bytes[offset + 1] as number
    if (marker === 0xff) {
      offset += 1
      continue
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2
      continue
    }
    const length = u16be(bytes, offset + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isFrame) return sized('image/jpeg', u16be(bytes, offset + 7), u16be(bytes, offset + 5))
    if (length < 2) return undefined
    offset += 2 + length
  }
  return undefined
}

function readWebp(bytes: Uint8Array): ImageInfo | undefined {
  const chunk = ascii(bytes, 12, 4)
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return sized('image/webp', u16le(bytes, 26) & 0x3fff, u16le(bytes, 28) & 0x3fff)
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const b1 = bytes[21] as number
    const b2 = bytes[22] as number
    const b3 = bytes[23] as number
    const b4 = bytes[24] as number
    return sized(
      'image/webp',
      1 + (((b2 & 0x3f) << 8) | b1),
      1 + (((b4 & 0xf) << 10) | (b3 << 2) | (b2 >> 6)),
    )
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return sized('image/webp', 1 + u24le(bytes, 24), 1 + u24le(bytes, 27))
  }
  return undefined
}

function sized(type: ImageInfo['type'], width: number, height: number): ImageInfo | undefined {
  return width > 0 && height > 0 ? { type, width, height } : undefined
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value)
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length))
}

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number)
}

function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8)
}

function u24le(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16)
}

function u32be(bytes: Uint8Array, at: number): number {
  return (((bytes[at] as number) << 24) >>> 0) + (u16be(bytes, at + 1) << 8) + (bytes[at + 3] as number)
}
