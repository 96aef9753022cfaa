/**
 * What the face check asks of a photo before it is queued, and the limits it holds it to. Each limit says
 * where it comes from; the measured ones were taken on the test photos in tests/fixtures/faces
 * (docs/face-check.md has the figures).
 */

import type { FaceCheckProblem } from '../../shared/api/registrations'

/** One reason a photo would be refused by a terminal (or recognised badly); the guide names the first. */
export type FaceProblem = FaceCheckProblem

export const FACE_LIMITS = {
  /** the face box's side against the frame's short side: the issue's rule, and the terminals' "face too small" */
  minFaceShare: 1 / 3,
  /**
   * Head turned left/right or up/down, in degrees. The terminals ask for "one frontal face" without a number
   * (research isapi.md §4.8; the device manuals: "face straight towards the camera, do not tilt the head");
   * face-capture guides for recognition use ±15°, and the mesh's own angle error is about ±5° on the test
   * photos, so 20° refuses a profile or a bowed head and lets a slightly turned one through.
   */
  maxYawDegrees: 20,
  maxPitchDegrees: 20,
  /** eyelid gap over eye width from the face mesh; open eyes measure 0.2–0.35, closed ones under 0.1 */
  minEyeOpen: 0.12,
  /** mean luma (0–255) of the face (or of the frame when no face was found) */
  minBrightness: 55,
  /** share of the face's pixels at luma ≥ 250: burnt out, the features are gone */
  maxClipped: 0.25,
  /** variance of the Laplacian of the face scaled to 128 px wide; sharp test faces measure > 150 */
  minSharpness: 40,
  /** detections under this score are not counted as faces */
  minScore: 0.5,
} as const

export type FaceLimits = typeof FACE_LIMITS

/** A rectangle as fractions (0–1) of the checked picture, so it holds at any resolution of the same frame. */
export interface RelativeRect {
  x: number
  y: number
  width: number
  height: number
}

/** What the detector found for one face, in the checked picture's pixels and degrees. */
export interface DetectedFace {
  box: { x: number; y: number; width: number; height: number }
  score: number
  yaw: number | null
  pitch: number | null
  /** eyelid gap / eye width of the less open eye, when the model gives eye landmarks */
  eyeOpen: number | null
}

/** The verdict on one picture. */
export interface FaceVerdict {
  /** the problems found, most basic first (light, then face count, size, pose, eyes, focus); empty: it passes */
  problems: FaceProblem[]
  faces: number
  /** the face found (the largest), relative to the picture */
  face: RelativeRect | null
  /** the terminals' framing around that face, relative to the picture */
  crop: RelativeRect | null
  measures: {
    brightness: number
    clipped: number
    sharpness: number | null
    yaw: number | null
    pitch: number | null
    eyeOpen: number | null
    faceShare: number | null
  }
  /** how long the detector took, in ms */
  detectMs: number
}
