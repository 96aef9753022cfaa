import type { RelativeRect } from './checks'

/** Portrait 3:4, the Enroll page's frame; the terminals accept 1:2 to 2:1 (research isapi.md §4.8). */
export const CROP_ASPECT = 3 / 4
/** The face box is this share of the crop's width: head and shoulders, the face still most of the picture. */
const FACE_WIDTH_SHARE = 0.5
/** Where the face's centre sits from the top of the crop: a little above the middle, shoulders below. */
const FACE_CENTRE_FROM_TOP = 0.42

/**
 * The terminals' framing around a face, in the picture's pixels: face centred across, head and shoulders,
 * 3:4. Pushed back inside the picture at its edges; shrunk (keeping 3:4) when the picture is too small for it.
 */
export function faceCrop(
  face: { x: number; y: number; width: number; height: number },
  pictureWidth: number,
  pictureHeight: number,
): { x: number; y: number; width: number; height: number } {
  let width = face.width / FACE_WIDTH_SHARE
  let height = width / CROP_ASPECT
  const fit = Math.min(1, pictureWidth / width, pictureHeight / height)
  width *= fit
  height *= fit
  const centreX = face.x + face.width / 2
  const centreY = face.y + face.height / 2
  const x = clamp(centreX - width / 2, 0, pictureWidth - width)
  const y = clamp(centreY - height * FACE_CENTRE_FROM_TOP, 0, pictureHeight - height)
  return { x, y, width, height }
}

export function relative(
  rect: { x: number; y: number; width: number; height: number },
  pictureWidth: number,
  pictureHeight: number,
): RelativeRect {
  return {
    x: rect.x / pictureWidth,
    y: rect.y / pictureHeight,
    width: rect.width / pictureWidth,
    height: rect.height / pictureHeight,
  }
}

/** A relative rectangle in a picture of the given size, whole pixels, inside the picture. */
export function toPixels(rect: RelativeRect, width: number, height: number) {
  const x = Math.max(0, Math.round(rect.x * width))
  const y = Math.max(0, Math.round(rect.y * height))
  return {
    x,
    y,
    width: Math.max(1, Math.min(width - x, Math.round(rect.width * width))),
    height: Math.max(1, Math.min(height - y, Math.round(rect.height * height))),
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high))
}
