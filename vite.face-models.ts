import { createReadStream, readFileSync } from 'node:fs'
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

const TYPES: Record<string, string> = {
  json: 'application/json',
  bin: 'application/octet-stream',
  wasm: 'application/wasm',
}

/** Copies the files into the build, and serves them from node_modules under `vite` (dev). */
export function faceModels(): Plugin {
  return {
    name: 'face-models',
    configureServer(server) {
      server.middlewares.use(`/${FACE_MODELS_DIR}/`, (request, response, next) => {
        const name = (request.url ?? '').replace(/^\//, '').split('?')[0] ?? ''
        const path = FACE_MODEL_FILES[name]
        if (!path) return next()
        response.setHeader('content-type', TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream')
        createReadStream(path).pipe(response)
      })
    },
    generateBundle() {
      for (const [name, path] of Object.entries(FACE_MODEL_FILES)) {
        this.emitFile({ type: 'asset', fileName: `${FACE_MODELS_DIR}/${name}`, source: readFileSync(path) })
      }
    },
  }
}
