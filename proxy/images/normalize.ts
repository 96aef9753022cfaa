import type SharpFactory from 'sharp'
import type { CreateRaw, Metadata, OutputInfo } from 'sharp'

// libvips costs ~25 MB and a noticeable part of the proxy's start-up; load it with the first photo instead.
let sharpModule: Promise<{ default: typeof SharpFactory }> | undefined
async function sharp(...args: Parameters<typeof SharpFactory>): Promise<ReturnType<typeof SharpFactory>> {
  sharpModule ??= import('sharp')
  return (await sharpModule).default(...args)
}
import { AppError } from '../../shared/errors'
import { createLimiter } from './limiter'
import { isAccepted, sniffFormat, type AcceptedFormat, type SniffedFormat } from './sniff'

/**
 * Why a picture was refused, in `details.reason` of the `image_invalid` error. Stable: clients branch on it.
 * - `empty`: zero bytes
 * - `unsupported_type`: not JPEG, PNG, WebP or AVIF (GIF, SVG, HEIC without a decoder, a text file, …)
 * - `undecodable`: says it is one of those but cannot be read (truncated, damaged)
 * - `too_small`: the short side is under the minimum (80 px)
 * - `too_large`: more pixels or bytes than a photo can sensibly have (a decompression bomb)
 * - `blank`: so plain that it encodes to under 1 KB, which terminals refuse (`faceDataLenShort`)
 */
export type ImageRefusal = 'empty' | 'unsupported_type' | 'undecodable' | 'too_small' | 'too_large' | 'blank'

export interface NormalizeOptions {
  /** the output's upper bound; 200 KB leaves margin under the terminals' 300 KB import limit */
  maxBytes?: number
  /** terminals refuse face data under 1 KB */
  minBytes?: number
  /** the output fits inside maxWidth × maxHeight */
  maxWidth?: number
  maxHeight?: number
  /** the input's short side (after rotation) must be at least this */
  minShortSide?: number
  /** inputs with more pixels are refused before decoding */
  maxInputPixels?: number
  maxInputBytes?: number
  /** the quality search range */
  minQuality?: number
  maxQuality?: number
}

export interface NormalizedFace {
  jpeg: Buffer
  width: number
  height: number
  quality: number
  bytes: number
  sourceFormat: AcceptedFormat
}

export interface ImageProbe {
  format: AcceptedFormat
  /** as displayed, EXIF orientation applied */
  width: number
  height: number
  hasAlpha: boolean
  bytes: number
}

// TIZIM's device-proven bound is 600 × 1200 and research prefers about 480 × 640: a 3:4 portrait comes
// out 600 × 800, plenty for face modelling, and leaves the quality search room under 200 KB.
const DEFAULTS: Required<NormalizeOptions> = {
  maxBytes: 200 * 1024,
  minBytes: 1024,
  maxWidth: 600,
  maxHeight: 800,
  minShortSide: 80,
  maxInputPixels: 40_000_000,
  maxInputBytes: 30 * 1024 * 1024,
  minQuality: 40,
  maxQuality: 90,
}

// Terminals refuse pictures whose sides differ by more than 2:1 (`width/heightRatioOfPictureError`).
const MAX_ASPECT = 2
// When even the lowest quality is too big, shrink the pixels by this much and search again.
const SHRINK_STEP = 0.8

const runLimited = createLimiter(2)

const FORMAT_NAMES: Record<Exclude<SniffedFormat, AcceptedFormat | 'unknown'>, string> = {
  gif: 'GIF',
  bmp: 'BMP',
  tiff: 'TIFF',
  svg: 'SVG',
  pdf: 'PDF',
  ico: 'ICO',
  jxl: 'JPEG XL',
}

/**
 * Turns a photo from a phone or a file into what Hikvision face terminals accept: a baseline 4:2:0 JPEG
 * without metadata, EXIF orientation baked in, transparency on white, aspect between 1:2 and 2:1 (centre
 * crop), fitting the size box, between 1 KB and 200 KB. Decodes once to raw pixels and searches the JPEG
 * quality over those pixels, so the search costs encodes only. The same input always gives the same bytes.
 */
export async function normalizeFace(
  input: Uint8Array,
  options: NormalizeOptions = {},
): Promise<NormalizedFace> {
  const opts = { ...DEFAULTS, ...options }
  return runLimited(async () => {
    const probe = await probeImage(input, opts)
    const raw = await decodeToRaw(toBuffer(input), probe, opts)
    const encoded = await encodeWithinLimit(raw, opts)
    return { ...encoded, bytes: encoded.jpeg.length, sourceFormat: probe.format }
  })
}

/** Checks a picture without decoding its pixels: refuses what normalizeFace would refuse up front. */
export async function probeImage(input: Uint8Array, options: NormalizeOptions = {}): Promise<ImageProbe> {
  const opts = { ...DEFAULTS, ...options }
  if (input.length === 0) throw refuse('empty', 'The picture file is empty.')
  if (input.length > opts.maxInputBytes) {
    throw refuse(
      'too_large',
      `The picture file is too big (${mb(input.length)}); the limit is ${mb(opts.maxInputBytes)}.`,
    )
  }
  const format = acceptedFormat(input)
  const metadata = await readMetadata(toBuffer(input), format, opts)
  const width = metadata.autoOrient?.width ?? metadata.width
  const height = metadata.autoOrient?.height ?? metadata.height
  if (!width || !height) throw refuse('undecodable', 'The picture has no size; the file may be damaged.')
  if (width * height > opts.maxInputPixels) {
    throw refuse(
      'too_large',
      `The picture has too many pixels (${width}×${height}); at most ${opts.maxInputPixels / 1e6} megapixels are accepted.`,
    )
  }
  if (Math.min(width, height) < opts.minShortSide) {
    throw refuse(
      'too_small',
      `The picture is too small (${width}×${height}); its shorter side must be at least ${opts.minShortSide} pixels.`,
    )
  }
  return { format, width, height, hasAlpha: metadata.hasAlpha ?? false, bytes: input.length }
}

function acceptedFormat(input: Uint8Array): AcceptedFormat {
  const format = sniffFormat(input)
  if (format === 'unknown') {
    throw refuse('unsupported_type', 'The file is not a picture; send a JPEG, PNG or WebP photo.')
  }
  if (!isAccepted(format)) {
    throw refuse(
      'unsupported_type',
      `The file is ${FORMAT_NAMES[format]}, not a photo; send a JPEG, PNG or WebP picture.`,
    )
  }
  return format
}

async function readMetadata(
  input: Buffer,
  format: AcceptedFormat,
  opts: Required<NormalizeOptions>,
): Promise<Metadata> {
  try {
    return await (await sharp(input, { failOn: 'error', limitInputPixels: opts.maxInputPixels })).metadata()
  } catch (error) {
    throw decodeFailure(error, format)
  }
}

interface RawImage {
  data: Buffer
  info: OutputInfo
}

async function decodeToRaw(
  input: Buffer,
  probe: ImageProbe,
  opts: Required<NormalizeOptions>,
): Promise<RawImage> {
  const { width, height } = targetSize(probe, opts)
  try {
    return await (
      await sharp(input, { failOn: 'error', limitInputPixels: opts.maxInputPixels })
    )
      .autoOrient()
      .resize({ width, height, fit: 'cover', position: 'centre' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
  } catch (error) {
    throw decodeFailure(error, probe.format)
  }
}

/** Crop to at most 2:1 either way around the centre, then scale down (never up) to fit the box. */
export function targetSize(
  source: { width: number; height: number },
  box: { maxWidth: number; maxHeight: number },
): { width: number; height: number } {
  const cropWidth = Math.min(source.width, source.height * MAX_ASPECT)
  const cropHeight = Math.min(source.height, source.width * MAX_ASPECT)
  const scale = Math.min(1, box.maxWidth / cropWidth, box.maxHeight / cropHeight)
  return {
    width: Math.max(1, Math.round(cropWidth * scale)),
    height: Math.max(1, Math.round(cropHeight * scale)),
  }
}

async function encodeWithinLimit(
  raw: RawImage,
  opts: Required<NormalizeOptions>,
): Promise<{ jpeg: Buffer; width: number; height: number; quality: number }> {
  let current = raw
  for (;;) {
    const found = await searchQuality(current, opts)
    if (found) return { ...found, width: current.info.width, height: current.info.height }
    const width = Math.round(current.info.width * SHRINK_STEP)
    const height = Math.round(current.info.height * SHRINK_STEP)
    if (Math.min(width, height) < opts.minShortSide) {
      throw refuse(
        'too_large',
        `The picture cannot be made smaller than ${kb(opts.maxBytes)} without losing the face.`,
      )
    }
    current = await (
      await sharp(current.data, { raw: rawInput(current.info) })
    )
      .resize({ width, height, fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true })
  }
}

/** The highest quality whose JPEG fits under maxBytes, or null when even the lowest does not. */
async function searchQuality(
  raw: RawImage,
  opts: Required<NormalizeOptions>,
): Promise<{ jpeg: Buffer; quality: number } | null> {
  const best = await encodeJpeg(raw, opts.maxQuality)
  if (best.length <= opts.maxBytes) return ensureNotBlank(raw, { jpeg: best, quality: opts.maxQuality }, opts)
  let low = opts.minQuality
  let high = opts.maxQuality - 1
  let found: { jpeg: Buffer; quality: number } | null = null
  while (low <= high) {
    const quality = Math.floor((low + high) / 2)
    const jpeg = await encodeJpeg(raw, quality)
    if (jpeg.length <= opts.maxBytes) {
      found = { jpeg, quality }
      low = quality + 1
    } else {
      high = quality - 1
    }
  }
  return found
}

// A nearly uniform picture can encode under the terminals' 1 KB minimum even at the top quality: try the
// qualities above the search range before calling it blank (such a picture has no face anyway).
async function ensureNotBlank(
  raw: RawImage,
  result: { jpeg: Buffer; quality: number },
  opts: Required<NormalizeOptions>,
): Promise<{ jpeg: Buffer; quality: number }> {
  if (result.jpeg.length >= opts.minBytes) return result
  for (const quality of [95, 100]) {
    const jpeg = await encodeJpeg(raw, quality)
    if (jpeg.length >= opts.minBytes && jpeg.length <= opts.maxBytes) return { jpeg, quality }
  }
  throw refuse('blank', 'The picture is almost blank: there is no face a terminal could find in it.')
}

// Baseline and 4:2:0 on purpose: FDLib modelling refuses progressive and 4:4:4 JPEGs (isapi.md §4.8).
// libjpeg rather than mozjpeg: 7–9× faster for 15–20% more bytes, which do not matter at face sizes.
async function encodeJpeg(raw: RawImage, quality: number): Promise<Buffer> {
  return (await sharp(raw.data, { raw: rawInput(raw.info) }))
    .jpeg({ quality, progressive: false, chromaSubsampling: '4:2:0', mozjpeg: false, optimiseCoding: true })
    .toBuffer()
}

function rawInput(info: OutputInfo): CreateRaw {
  return { width: info.width, height: info.height, channels: info.channels as 1 | 2 | 3 | 4 }
}

function decodeFailure(error: unknown, format: AcceptedFormat): AppError {
  if (error instanceof AppError) return error
  const message = error instanceof Error ? error.message : String(error)
  if (/pixel limit/i.test(message)) {
    return refuse('too_large', 'The picture has too many pixels to be a photo; send a smaller picture.')
  }
  // The prebuilt libvips decodes AV1 (AVIF) but not HEVC, the codec of iPhone HEIC photos.
  if (format === 'heic') {
    return refuse(
      'unsupported_type',
      'HEIC photos (the iPhone default) cannot be read here; send a JPEG (iPhone: Settings → Camera → Formats → Most Compatible).',
    )
  }
  return refuse(
    'undecodable',
    'The picture cannot be read; the file may be damaged or cut short. Take the photo again.',
  )
}

function refuse(reason: ImageRefusal, message: string): AppError {
  return new AppError('image_invalid', message, { details: { reason } })
}

function toBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength)
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`
}
