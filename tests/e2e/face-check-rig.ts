// The built face-check worker (dist/), served on loopback and driven from a blank page in real Chromium:
// the same worker file, weights and WASM the tablet gets from the service worker.
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { FaceVerdict } from '../../web/face/checks'
import { REPO_ROOT } from '../helpers/proxy-process'
import { launchChromium } from './browser'

const DIST = join(REPO_ROOT, 'dist')
export const FACE_FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'faces')
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.html': 'text/html',
}

/** The worker file the build made from web/face/worker.ts: the one chunk that loads the detector's weights. */
export function faceWorkerFile(): string {
  const assets = readdirSync(join(DIST, 'assets')).filter((name) => name.endsWith('.js'))
  const found = assets.filter((name) =>
    readFileSync(join(DIST, 'assets', name), 'utf8').includes('face-models/'),
  )
  if (found.length !== 1)
    throw new Error(`expected one face-check worker in dist/assets, found ${found.join(', ')}`)
  return `/assets/${found[0]}`
}

export interface FaceCheckRig {
  browser: Browser
  page: Page
  origin: string
  /** loads the worker; resolves with its backend and load time, or rejects with why it is unavailable */
  start(): Promise<{ backend: string; loadMs: number }>
  /** a file of tests/fixtures/faces checked as a photo */
  check(fixture: string): Promise<FaceVerdict>
  /**
   * The camera view's loop: a fixture drawn as a 1280×960 frame, scaled to 640 px and sent `count` times, one
   * after the other as the Enroll page does; resolves with the checks per second and the last verdict.
   */
  checkFrames(fixture: string, count: number): Promise<{ perSecond: number; verdict: FaceVerdict }>
  close(): Promise<void>
}

interface RigWindow {
  faceRig: {
    start(url: string): Promise<{ backend: string; loadMs: number }>
    check(url: string): Promise<FaceVerdict>
    checkFrames(url: string, count: number): Promise<{ perSecond: number; verdict: FaceVerdict }>
  }
}

/** On the blank page: the worker, and the camera view's loop as the Enroll page runs it. */
const PAGE_SCRIPT = `
let worker
let nextId = 1
const waiting = new Map()
async function ask(request, transfer) {
  const id = nextId++
  const reply = await new Promise((resolve) => {
    waiting.set(id, resolve)
    worker.postMessage({ id, ...request }, transfer)
  })
  if (reply.type !== 'verdict') throw new Error(reply.message)
  return reply.verdict
}
window.faceRig = {
  start: (url) =>
    new Promise((resolve, reject) => {
      if (worker) worker.terminate()
      worker = new Worker(url, { type: 'module' })
      worker.onerror = (event) => reject(new Error(event.message))
      worker.onmessage = (event) => {
        const reply = event.data
        if (reply.type === 'ready') resolve({ backend: reply.backend, loadMs: reply.loadMs })
        else if (reply.type === 'unavailable') reject(new Error(reply.message))
        else waiting.get(reply.id)?.(reply)
      }
    }),
  check: async (url) => ask({ type: 'photo', blob: await (await fetch(url)).blob() }, []),
  checkFrames: async (url, count) => {
    const photo = await createImageBitmap(await (await fetch(url)).blob())
    const camera = new OffscreenCanvas(1280, 960)
    camera.getContext('2d').drawImage(photo, 0, 0, 1280, 960)
    let verdict
    const began = performance.now()
    for (let i = 0; i < count; i++) {
      const picture = await createImageBitmap(camera, { resizeWidth: 640, resizeHeight: 480 })
      verdict = await ask({ type: 'frame', picture }, [picture])
    }
    return { perSecond: count / ((performance.now() - began) / 1000), verdict }
  },
}
`

export async function startFaceCheckRig(): Promise<FaceCheckRig> {
  const server = await serve()
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  const browser = await launchChromium()
  const page = await browser.newPage()
  await page.goto(`${origin}/blank.html`)
  // plain JavaScript, not a function: tsx would wrap a function's inner names in helpers the page lacks
  await page.addScriptTag({ content: PAGE_SCRIPT })
  const workerUrl = faceWorkerFile()
  return {
    browser,
    page,
    origin,
    start: () => page.evaluate((url) => (window as unknown as RigWindow).faceRig.start(url), workerUrl),
    check: (fixture) =>
      page.evaluate((url) => (window as unknown as RigWindow).faceRig.check(url), `/fixtures/${fixture}`),
    checkFrames: (fixture, count) =>
      page.evaluate(
        ([url, n]) => (window as unknown as RigWindow).faceRig.checkFrames(url as string, n as number),
        [`/fixtures/${fixture}`, count] as const,
      ),
    async close() {
      await browser.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    let file: string
    if (path === '/blank.html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>face check</title>')
      return
    } else if (path.startsWith('/fixtures/')) file = join(FACE_FIXTURES, path.slice('/fixtures/'.length))
    else file = join(DIST, path)
    if (!file.startsWith(DIST) && !file.startsWith(FACE_FIXTURES)) {
      response.writeHead(403).end()
      return
    }
    try {
      const body = readFileSync(file)
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'image/jpeg' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}
