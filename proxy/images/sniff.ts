/**
 * What a file is by its first bytes, not by its name or the Content-Type a phone put on it.
 * Formats we read are told apart from pictures we refuse on purpose (GIF, SVG, …), so the error can say so.
 */
export type AcceptedFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'heic'
export type RefusedFormat = 'gif' | 'bmp' | 'tiff' | 'svg' | 'pdf' | 'ico' | 'jxl'
export type SniffedFormat = AcceptedFormat | RefusedFormat | 'unknown'

const ACCEPTED = new Set<SniffedFormat>(['jpeg', 'png', 'webp', 'avif', 'heic'])

export function isAccepted(format: SniffedFormat): format is AcceptedFormat {
  return ACCEPTED.has(format)
}

// ISO-BMFF brands (the `ftyp` box): AVIF is AV1 inside HEIF, HEIC is HEVC inside HEIF.
const AVIF_BRANDS = new Set(['avif', 'avis'])
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'])

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  if (ascii(4, 8) === 'ftyp') return heifKind(ascii(8, 12), bytes)
  if (ascii(0, 4) === 'GIF8') return 'gif'
  if (ascii(0, 2) === 'BM') return 'bmp'
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff'
  if (ascii(0, 4) === '%PDF') return 'pdf'
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 1 && bytes[3] === 0) return 'ico'
  if ((bytes[0] === 0xff && bytes[1] === 0x0a) || ascii(4, 8) === 'JXL ') return 'jxl'
  if (/^(\xEF\xBB\xBF)?\s*<(\?xml|svg|!DOCTYPE svg)/i.test(ascii(0, 256))) return 'svg'
  return 'unknown'
}

function heifKind(majorBrand: string, bytes: Uint8Array): SniffedFormat {
  if (AVIF_BRANDS.has(majorBrand)) return 'avif'
  if (HEIC_BRANDS.has(majorBrand)) {
    // `mif1` is generic HEIF: the compatible brands after it say whether the pictures are AV1 or HEVC.
    const header = String.fromCharCode(...bytes.subarray(16, 64))
    return /avif|avis/.test(header) && !/heic|heix/.test(header) ? 'avif' : 'heic'
  }
  return 'unknown'
}
