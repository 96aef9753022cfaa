export interface JpegInfo {
  /** SOF2 (progressive) instead of SOF0/SOF1 (baseline/extended sequential) */
  progressive: boolean
  width: number
  height: number
  /** chroma subsampling read from the component sampling factors */
  subsampling: '4:2:0' | '4:2:2' | '4:4:4' | 'gray' | 'other'
}

const STANDALONE = new Set([0x01, 0xd8, 0xd9, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7])

/**
 * Reads the frame header of a JPEG, the way face terminals judge an upload: modelling wants baseline and
 * 4:2:0 (research/isapi.md §4.8). Returns null for anything that is not a readable JPEG.
 */
export function inspectJpeg(data: Buffer): JpegInfo | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null
  let i = 2
  while (i + 4 <= data.length) {
    if (data[i] !== 0xff) return null
    const marker = data[i + 1] ?? 0
    if (marker === 0xff) {
      i++
      continue
    }
    if (STANDALONE.has(marker)) {
      i += 2
      continue
    }
    const length = data.readUInt16BE(i + 2)
    if (marker === 0xda) return null // scan before any frame header
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return frame(data, i + 4, marker)
    }
    i += 2 + length
  }
  return null
}

function frame(data: Buffer, at: number, marker: number): JpegInfo | null {
  if (at + 6 > data.length) return null
  const height = data.readUInt16BE(at + 1)
  const width = data.readUInt16BE(at + 3)
  const count = data[at + 5] ?? 0
  const factors: Array<[number, number]> = []
  for (let c = 0; c < count; c++) {
    const hv = data[at + 6 + c * 3 + 1]
    if (hv === undefined) return null
    factors.push([hv >> 4, hv & 0x0f])
  }
  return {
    progressive: marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce,
    width,
    height,
    subsampling: subsampling(factors),
  }
}

function subsampling(factors: Array<[number, number]>): JpegInfo['subsampling'] {
  if (factors.length === 1) return 'gray'
  const [y, cb, cr] = factors
  if (!y || !cb || !cr || cb[0] !== 1 || cb[1] !== 1 || cr[0] !== 1 || cr[1] !== 1) return 'other'
  if (y[0] === 2 && y[1] === 2) return '4:2:0'
  if (y[0] === 2 && y[1] === 1) return '4:2:2'
  if (y[0] === 1 && y[1] === 1) return '4:4:4'
  return 'other'
}
