import type { FaceVerdict, RelativeRect } from './checks'
import type { FaceDetector } from './detector'
import { toPixels } from './faceCrop'
import { judge } from './judge'

/** The long side a picture is scaled to before the check: faces of a third of the frame stay 150+ px. */
export const CHECK_LONG_SIDE = 640

/**
 * A picture (a camera frame or a decoded photo) drawn at most 640 px on the long side and judged. Runs in a
 * worker: OffscreenCanvas, no DOM.
 */
export async function checkPicture(detector: FaceDetector, picture: ImageBitmap): Promise<FaceVerdict> {
  const scale = Math.min(1, CHECK_LONG_SIDE / Math.max(picture.width, picture.height))
  const width = Math.max(1, Math.round(picture.width * scale))
  const height = Math.max(1, Math.round(picture.height * scale))
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) throw new Error('no 2d context in the worker')
  context.drawImage(picture, 0, 0, width, height)
  const pixels = context.getImageData(0, 0, width, height)
  const started = performance.now()
  const faces = await detector.detect(pixels)
  return judge(pixels, faces, performance.now() - started)
}

/** The thumbnail a list shows of a checked photo: the crop around the face, 96×128. */
export const THUMB_SIZE = { width: 96, height: 128 }

/**
 * A photo file's bytes decoded (EXIF orientation applied) and judged; with `thumb`, also a small JPEG of the
 * crop around the face (of the whole photo when none was found).
 */
export async function checkPhotoBytes(
  detector: FaceDetector,
  blob: Blob,
  thumb = false,
): Promise<{ verdict: FaceVerdict; thumb: Blob | null }> {
  const picture = await createImageBitmap(blob, { imageOrientation: 'from-image' })
  try {
    const verdict = await checkPicture(detector, picture)
    return { verdict, thumb: thumb ? await cropThumb(picture, verdict.crop) : null }
  } finally {
    picture.close()
  }
}

async function cropThumb(picture: ImageBitmap, crop: RelativeRect | null): Promise<Blob> {
  const area = crop
    ? toPixels(crop, picture.width, picture.height)
    : { x: 0, y: 0, width: picture.width, height: picture.height }
  const canvas = new OffscreenCanvas(THUMB_SIZE.width, THUMB_SIZE.height)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d context in the worker')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  const scale = Math.min(canvas.width / area.width, canvas.height / area.height)
  const width = area.width * scale
  const height = area.height * scale
  context.drawImage(
    picture,
    area.x,
    area.y,
    area.width,
    area.height,
    (canvas.width - width) / 2,
    (canvas.height - height) / 2,
    width,
    height,
  )
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })
}
