import { FACE_LIMITS, type DetectedFace, type FaceLimits, type FaceProblem, type FaceVerdict } from './checks'
import { faceCrop, relative } from './faceCrop'
import { exposure, greyRegion, laplacianVariance, type Pixels } from './imageStats'

/**
 * The verdict on a picture from what the detector found in it and its own pixels: exposure and sharpness
 * are measured on the face (the background may be a bright window), or on the whole picture when no face was
 * found, so a dark room is named as such instead of "no face".
 */
export function judge(
  pixels: Pixels,
  detected: DetectedFace[],
  detectMs: number,
  limits: FaceLimits = FACE_LIMITS,
): FaceVerdict {
  const faces = detected.filter((face) => face.score >= limits.minScore)
  const main = faces.reduce<DetectedFace | null>(
    (best, face) =>
      best === null || face.box.width * face.box.height > best.box.width * best.box.height ? face : best,
    null,
  )
  const region = main?.box ?? { x: 0, y: 0, width: pixels.width, height: pixels.height }
  const grey = greyRegion(pixels, region)
  const { brightness, clipped } = exposure(grey)
  const sharpness = main ? laplacianVariance(grey) : null
  const faceShare = main
    ? Math.min(main.box.width, main.box.height) / Math.min(pixels.width, pixels.height)
    : null

  const found = new Set<FaceProblem>()
  if (brightness < limits.minBrightness) found.add('dark')
  if (clipped > limits.maxClipped) found.add('bright')
  if (faces.length === 0) found.add('noFace')
  if (faces.length > 1) found.add('manyFaces')
  if (faceShare !== null && faceShare < limits.minFaceShare) found.add('small')
  if (
    main &&
    (Math.abs(main.yaw ?? 0) > limits.maxYawDegrees || Math.abs(main.pitch ?? 0) > limits.maxPitchDegrees)
  )
    found.add('turned')
  if (main?.eyeOpen != null && main.eyeOpen < limits.minEyeOpen) found.add('eyesClosed')
  if (sharpness !== null && sharpness < limits.minSharpness) found.add('blurred')

  return {
    problems: [...found],
    faces: faces.length,
    face: main ? relative(main.box, pixels.width, pixels.height) : null,
    crop: main
      ? relative(faceCrop(main.box, pixels.width, pixels.height), pixels.width, pixels.height)
      : null,
    measures: {
      brightness: round(brightness),
      clipped: round(clipped, 3),
      sharpness: sharpness === null ? null : round(sharpness),
      yaw: main?.yaw ?? null,
      pitch: main?.pitch ?? null,
      eyeOpen: main?.eyeOpen ?? null,
      faceShare: faceShare === null ? null : round(faceShare, 3),
    },
    detectMs: round(detectMs),
  }
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
