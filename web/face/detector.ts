import type { Config, FaceResult, Human } from '@vladmandic/human'
import type { DetectedFace } from './checks'

/**
 * Where the build puts the detector's weights and the TensorFlow WASM binary (vite.config.ts copies them out
 * of their npm packages, and the service worker precaches them): nothing is fetched from the internet.
 */
export const FACE_MODELS_PATH = 'face-models/'

export interface FaceDetector {
  backend: string
  detect(pixels: ImageData): Promise<DetectedFace[]>
}

// Mesh points (MediaPipe's 468-point face mesh) of each eye: upper lid, lower lid, the two corners.
const LEFT_EYE = { upper: 386, lower: 374, inner: 362, outer: 263 }
const RIGHT_EYE = { upper: 159, lower: 145, inner: 133, outer: 33 }

function config(base: string): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: base,
    modelBasePath: base,
    debug: false,
    async: true,
    warmup: 'none',
    // every frame is judged afresh: a cached face from the frame before would pass a photo that moved
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 5, minConfidence: 0.3, return: false },
      mesh: { enabled: true },
      iris: { enabled: false },
      attention: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    } as Config['face'],
    body: { enabled: false } as Config['body'],
    hand: { enabled: false } as Config['hand'],
    object: { enabled: false } as Config['object'],
    gesture: { enabled: false },
    segmentation: { enabled: false } as Config['segmentation'],
  }
}

/** Loads the detector (Human: BlazeFace + face mesh on TensorFlow.js WASM) from `base`, e.g. "/face-models/". */
export async function loadFaceDetector(base: string): Promise<FaceDetector> {
  const { Human: HumanClass } = await import('@vladmandic/human')
  const human: Human = new HumanClass(config(base))
  await human.load()
  // Human falls back to other backends quietly; on this path only WASM is fast enough and tested
  const backend = human.tf.getBackend() as string
  if (backend !== 'wasm') throw new Error(`TensorFlow's WebAssembly did not start (got ${backend || 'none'})`)
  return {
    backend,
    async detect(pixels: ImageData): Promise<DetectedFace[]> {
      const result = await human.detect(pixels)
      return result.face.map(toDetectedFace)
    },
  }
}

const DEGREES = 180 / Math.PI

function toDetectedFace(face: FaceResult): DetectedFace {
  const [x, y, width, height] = face.box
  const angle = face.rotation?.angle
  return {
    box: { x, y, width, height },
    score: face.score,
    yaw: angle ? Math.round(angle.yaw * DEGREES) : null,
    pitch: angle ? Math.round(angle.pitch * DEGREES) : null,
    eyeOpen: eyeOpen(face.mesh),
  }
}

/** The less open eye's lid gap over its width; null without a mesh. */
function eyeOpen(mesh: FaceResult['mesh']): number | null {
  if (!mesh || mesh.length < 468) return null
  const ratio = (eye: typeof LEFT_EYE) => {
    const [ux = 0, uy = 0] = mesh[eye.upper] ?? []
    const [lx = 0, ly = 0] = mesh[eye.lower] ?? []
    const [ix = 0, iy = 0] = mesh[eye.inner] ?? []
    const [ox = 0, oy = 0] = mesh[eye.outer] ?? []
    const width = Math.hypot(ix - ox, iy - oy)
    return width > 0 ? Math.hypot(ux - lx, uy - ly) / width : 0
  }
  return Math.round(Math.min(ratio(LEFT_EYE), ratio(RIGHT_EYE)) * 1000) / 1000
}
