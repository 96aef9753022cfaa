import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

const require = createRequire(import.meta.url)
// Human's package exports no package.json: its node entry is dist/human.node.js, the models sit beside dist/
const HUMAN_MODELS = join(dirname(require.resolve('@vladmandic/human')), '..', 'models')
const TFJS_WASM = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')

/** The folder of the app the files are served from (web/face/detector.ts reads them there). */
export const FACE_MODELS_DIR = 'face-models'

/**
 * The face detector's weights (BlazeFace + face mesh, from @vladmandic/human) and TensorFlow's WASM
 * binaries, under their own names: the model JSON names its weight file, so they cannot be renamed with a hash.
 */
export const FACE_MODEL_FILES: Record<string, string> = {
  'blazeface.json': join(HUMAN_MODELS, 'blazeface.json'),
  'blazeface.bin': join(HUMAN_MODELS, 'blazeface.bin'),
  'facemesh.json': join(HUMAN_MODELS, 'facemesh.json'),
  'facemesh.bin': join(HUMAN_MODELS, 'facemesh.bin'),
  'tfjs-backend-wasm-simd.wasm': join(TFJS_WASM, 'tfjs-backend-wasm-simd.wasm'),
  // for browsers without WASM SIMD (served by the proxy, not precached: such a tablet checks only online)
  'tfjs-backend-wasm.wasm': join(TFJS_WASM, 'tfjs-backend-wasm.wasm'),
}

/** What the service worker precaches of them (workbox globs, relative to dist/). */
export const FACE_MODEL_PRECACHE = [
  `${FACE_MODELS_DIR}/*.{json,bin}`,
  `${FACE_MODELS_DIR}/tfjs-backend-wasm-simd.wasm`,
]

interface ManifestWeight {
  name: string
  shape: number[]
  dtype: string
  quantization?: { dtype: string; min?: number; scale?: number; original_dtype?: string }
}
interface GraphModel {
  weightsManifest: { paths: string[]; weights: ManifestWeight[] }[]
}

/** IEEE half float → number (the mesh's weights ship as float16). */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits >> 10) & 0x1f
  const fraction = bits & 0x3ff
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024)
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024)
}

/**
 * A model's float weights re-stored as 8-bit with a per-tensor scale (TF.js dequantizes them on load): a
 * quarter of float32, half of float16, so the detector's precache stays under 3 MB. The verdicts on the test
 * photos are the same as with the shipped weights (tests/e2e/face-check-verdicts.test.ts).
 */
export function quantizeToUint8(modelJson: Buffer, weights: Buffer): { json: Buffer; bin: Buffer } {
  const model = JSON.parse(modelJson.toString('utf8')) as GraphModel
  const parts: Buffer[] = []
  let offset = 0
  for (const group of model.weightsManifest) {
    for (const weight of group.weights) {
      const count = weight.shape.reduce((product, size) => product * size, 1)
      const from = weight.quantization?.dtype
      if (weight.dtype !== 'float32' || (from !== undefined && from !== 'float16')) {
        const size = count * (from === 'uint8' ? 1 : from === 'uint16' || from === 'float16' ? 2 : 4)
        parts.push(weights.subarray(offset, offset + size))
        offset += size
        continue
      }
      const values = new Float32Array(count)
      for (let i = 0; i < count; i++) {
        values[i] =
          from === 'float16'
            ? halfToFloat(weights.readUInt16LE(offset + i * 2))
            : weights.readFloatLE(offset + i * 4)
      }
      offset += count * (from === 'float16' ? 2 : 4)
      let min = Infinity
      let max = -Infinity
      for (const value of values) {
        min = Math.min(min, value)
        max = Math.max(max, value)
      }
      const scale = max > min ? (max - min) / 255 : 1
      const bytes = Buffer.alloc(count)
      for (let i = 0; i < count; i++) bytes[i] = Math.round(((values[i] as number) - min) / scale)
      parts.push(bytes)
      weight.quantization = { dtype: 'uint8', min, scale, original_dtype: 'float32' }
    }
  }
  return { json: Buffer.from(JSON.stringify(model)), bin: Buffer.concat(parts) }
}

/** The files as served: the two models quantized, the WASM as it ships. */
function servedFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const model of ['blazeface', 'facemesh']) {
    const quantized = quantizeToUint8(
      readFileSync(FACE_MODEL_FILES[`${model}.json`] as string),
      readFileSync(FACE_MODEL_FILES[`${model}.bin`] as string),
    )
    files.set(`${model}.json`, quantized.json)
    files.set(`${model}.bin`, quantized.bin)
  }
  for (const name of ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm']) {
    files.set(name, readFileSync(FACE_MODEL_FILES[name] as string))
  }
  return files
}

const TYPES: Record<string, string> = {
  json: 'application/json',
  bin: 'application/octet-stream',
  wasm: 'application/wasm',
}

/** Puts the files into the build, and serves them under `vite` (dev). */
export function faceModels(): Plugin {
  let files: Map<string, Buffer> | null = null
  const served = () => (files ??= servedFiles())
  return {
    name: 'face-models',
    configureServer(server) {
      server.middlewares.use(`/${FACE_MODELS_DIR}/`, (request, response, next) => {
        const name = (request.url ?? '').replace(/^\//, '').split('?')[0] ?? ''
        const body = served().get(name)
        if (!body) return next()
        response.setHeader('content-type', TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream')
        response.end(body)
      })
    },
    generateBundle() {
      for (const [name, body] of served()) {
        this.emitFile({ type: 'asset', fileName: `${FACE_MODELS_DIR}/${name}`, source: body })
      }
    },
  }
}
