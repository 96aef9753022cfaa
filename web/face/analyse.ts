import type { FaceVerdict } from './checks'
import type { FaceDetector } from './detector'
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

/** A photo file's bytes decoded (EXIF orientation applied) and judged. */
export async function checkPhotoBytes(detector: FaceDetector, blob: Blob): Promise<FaceVerdict> {
  const picture = await createImageBitmap(blob, { imageOrientation: 'from-image' })
  try {
    return await checkPicture(detector, picture)
  } finally {
    picture.close()
  }
}
