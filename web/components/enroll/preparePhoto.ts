import { AppError } from '../../../shared/errors'
import type { PhotoBytes } from '../../db/types'
import type { RelativeRect } from '../../face/checks'
import { toPixels } from '../../face/faceCrop'

/** The long side the tablet sends: small enough for slow Wi-Fi and a long queue, big enough for the proxy. */
export const MAX_LONG_SIDE = 1280
/** Terminals refuse faces this small; better to say so at once than after a round trip. */
export const MIN_SHORT_SIDE = 80
const JPEG_QUALITY = 0.88

export interface PreparedPhoto extends PhotoBytes {
  width: number
  height: number
}

type Drawable = CanvasImageSource & { width?: number; height?: number }

/** A part of the source to keep (the face check's framing around the face), in the source's pixels. */
export interface SourceCrop {
  x: number
  y: number
  width: number
  height: number
}

export interface PhotoOptions {
  aspect?: number
  maxLongSide?: number
  /** cut this instead of the centred `aspect` crop */
  crop?: SourceCrop
}

/** Where to cut from the source and how big the result is: `crop`, or a centred crop to `aspect`; then scaled down. */
export function photoGeometry(sourceWidth: number, sourceHeight: number, options: PhotoOptions = {}) {
  let sw = sourceWidth
  let sh = sourceHeight
  if (options.crop) {
    const { x, y, width, height } = options.crop
    sw = Math.round(width)
    sh = Math.round(height)
    const scale = Math.min(1, (options.maxLongSide ?? MAX_LONG_SIDE) / Math.max(sw, sh))
    return {
      sx: Math.round(x),
      sy: Math.round(y),
      sw,
      sh,
      width: Math.max(1, Math.round(sw * scale)),
      height: Math.max(1, Math.round(sh * scale)),
    }
  }
  if (options.aspect) {
    if (sw / sh > options.aspect) sw = Math.round(sh * options.aspect)
    else sh = Math.round(sw / options.aspect)
  }
  const sx = Math.round((sourceWidth - sw) / 2)
  const sy = Math.round((sourceHeight - sh) / 2)
  const scale = Math.min(1, (options.maxLongSide ?? MAX_LONG_SIDE) / Math.max(sw, sh))
  return {
    sx,
    sy,
    sw,
    sh,
    width: Math.max(1, Math.round(sw * scale)),
    height: Math.max(1, Math.round(sh * scale)),
  }
}

/** Draws the source (a decoded file or a video frame) scaled down into a JPEG. */
export async function drawToJpeg(
  source: Drawable,
  sourceWidth: number,
  sourceHeight: number,
  options: PhotoOptions = {},
): Promise<PreparedPhoto> {
  if (Math.min(sourceWidth, sourceHeight) < MIN_SHORT_SIDE) {
    throw new AppError('image_invalid', `the picture is ${sourceWidth}×${sourceHeight}`, {
      details: { reason: 'too_small' },
    })
  }
  const g = photoGeometry(sourceWidth, sourceHeight, options)
  const canvas = document.createElement('canvas')
  canvas.width = g.width
  canvas.height = g.height
  const context = canvas.getContext('2d')
  if (!context) throw new AppError('image_invalid', 'no 2d canvas')
  // a transparent PNG must not turn black in the JPEG
  context.fillStyle = '#fff'
  context.fillRect(0, 0, g.width, g.height)
  context.imageSmoothingQuality = 'high'
  context.drawImage(source, g.sx, g.sy, g.sw, g.sh, 0, 0, g.width, g.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY))
  if (!blob) throw new AppError('image_invalid', 'the picture could not be encoded')
  return { bytes: await blob.arrayBuffer(), type: 'image/jpeg', width: g.width, height: g.height }
}

/**
 * A chosen file as a JPEG of at most 1280 px on the long side, turned upright by its EXIF orientation.
 * A HEIC photo the browser cannot decode goes as it is: the proxy can read it where the tablet cannot.
 */
export async function prepareFile(file: Blob, crop?: RelativeRect | null): Promise<PreparedPhoto> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    if (/^image\/hei[cf]$/.test(file.type)) {
      return { bytes: await file.arrayBuffer(), type: file.type, width: 0, height: 0 }
    }
    throw new AppError('image_invalid', 'the file is not a picture the browser can read')
  }
  try {
    return await drawToJpeg(
      bitmap,
      bitmap.width,
      bitmap.height,
      cropOption(crop, bitmap.width, bitmap.height),
    )
  } finally {
    bitmap.close()
  }
}

/**
 * A frame of the live camera: the face check's framing around the face when it found one, else the 3:4
 * portrait the person sees inside the guide.
 */
export function captureFrame(
  video: HTMLVideoElement,
  crop?: RelativeRect | null,
  aspect = 3 / 4,
): Promise<PreparedPhoto> {
  const options = cropOption(crop, video.videoWidth, video.videoHeight) ?? { aspect }
  return drawToJpeg(video, video.videoWidth, video.videoHeight, options)
}

function cropOption(
  crop: RelativeRect | null | undefined,
  width: number,
  height: number,
): PhotoOptions | undefined {
  return crop ? { crop: toPixels(crop, width, height) } : undefined
}

/** Whether a photo error means "too small" (the other image errors mean "not a picture"). */
export function isTooSmall(error: unknown): boolean {
  return (
    error instanceof AppError &&
    typeof error.extra.details === 'object' &&
    error.extra.details !== null &&
    (error.extra.details as { reason?: unknown }).reason === 'too_small'
  )
}
