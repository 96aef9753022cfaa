import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startFaceCheckRig, faceWorkerFile } from '../e2e/face-check-rig'
import { REPO_ROOT } from '../helpers/proxy-process'
import { gzippedSize, initialJs } from './initial-js'
import type { BenchRow } from './row'

const DIST = join(REPO_ROOT, 'dist')
const LOADS = 3
const RUNS = 10
const FRAMES = 30
const PHOTOS = ['one-person.jpg', 'two-people.jpg', 'far-face.jpg']

/**
 * The tablet's face check in real Chromium, through the built worker (run `npm run build` first): the
 * detector's load, one photo's check after warm-up, the camera view's checks per second, and what it adds
 * to the service worker's precache, each against the app's own initial JS measured in the same run.
 */
export async function bench(): Promise<BenchRow[]> {
  const rig = await startFaceCheckRig()
  try {
    const loads: number[] = []
    for (let i = 0; i < LOADS; i++) loads.push((await rig.start()).loadMs)

    const photoMs: number[] = []
    for (const photo of PHOTOS) {
      await rig.check(photo)
      await rig.check(photo)
      for (let i = 0; i < RUNS; i++) {
        const began = performance.now()
        await rig.check(photo)
        photoMs.push(performance.now() - began)
      }
    }
    await rig.checkFrames('one-person.jpg', 5)
    const camera = await rig.checkFrames('one-person.jpg', FRAMES)
    if (camera.verdict.problems.length > 0)
      throw new Error(`the camera frame failed: ${camera.verdict.problems}`)

    const app = initialJs(DIST)
    const added = precacheAdded()
    const appKb = app.bytes / 1024
    return [
      {
        name: `face check: detector load in a fresh worker (Human + BlazeFace + face mesh, TF.js WASM), median of ${LOADS}`,
        value: Math.round(median(loads)),
        unit: 'ms',
        target: '≤ 1500 ms',
      },
      {
        name: `face check: one photo checked after warm-up (decode, scale to 640 px, detect, measure), median of ${PHOTOS.length}×${RUNS}`,
        value: Math.round(median(photoMs)),
        unit: 'ms',
        target: '≤ 150 ms',
      },
      {
        name: `face check: camera view, 1280×960 frames scaled and checked back to back, ${FRAMES} frames`,
        value: Math.round(camera.perSecond * 10) / 10,
        unit: 'checks/s',
        target: '≥ 5 checks/s',
      },
      {
        name: 'face check: precache added (worker chunk + weights + SIMD WASM), raw bytes',
        value: Math.round(added.raw / 1024),
        unit: 'KiB',
        baseline: { name: 'app initial JS, gzip', value: Math.round(appKb) },
        ratio: added.raw / 1024 / appKb,
        target: '≤ 3072 KiB',
      },
      {
        name: 'face check: precache added, gzip (what crosses the network)',
        value: Math.round(added.gzip / 1024),
        unit: 'KiB',
        baseline: { name: 'app initial JS, gzip', value: Math.round(appKb) },
        ratio: added.gzip / 1024 / appKb,
        target: '≤ 3072 KiB',
      },
    ]
  } finally {
    await rig.close()
  }
}

/** The files the face check puts in the precache: its worker chunk and what it copies to dist/face-models. */
function precacheAdded(): { raw: number; gzip: number } {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8')
  const models = readdirSync(join(DIST, 'face-models'))
    .map((name) => `face-models/${name}`)
    .filter((path) => sw.includes(`"${path}"`))
  const files = [faceWorkerFile().replace(/^\//, ''), ...models].map((path) => join(DIST, path))
  return {
    raw: files.reduce((sum, file) => sum + statSync(file).size, 0),
    gzip: files.reduce((sum, file) => sum + gzippedSize(file), 0),
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
