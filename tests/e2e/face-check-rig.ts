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
  close(): Promise<void>
}

interface RigWindow {
  faceRig: {
    start(url: string): Promise<{ backend: string; loadMs: number }>
    check(url: string): Promise<FaceVerdict>
  }
}

export async function startFaceCheckRig(): Promise<FaceCheckRig> {
  const server = await serve()
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  const browser = await launchChromium()
  const page = await browser.newPage()
  await page.goto(`${origin}/blank.html`)
  await page.evaluate(() => {
    let worker: Worker
    let nextId = 1
    const waiting = new Map<number, (reply: { type: string; verdict?: unknown; message?: string }) => void>()
    ;(window as unknown as RigWindow).faceRig = {
      start: (url) =>
        new Promise((resolve, reject) => {
          worker = new Worker(url, { type: 'module' })
          worker.onerror = (event) => reject(new Error(event.message))
          worker.onmessage = (event) => {
            const reply = event.data
            if (reply.type === 'ready') resolve({ backend: reply.backend, loadMs: reply.loadMs })
            else if (reply.type === 'unavailable') reject(new Error(reply.message))
            else waiting.get(reply.id)?.(reply)
          }
        }),
      check: async (url) => {
        const blob = await (await fetch(url)).blob()
        const id = nextId++
        const reply = await new Promise<{ type: string; verdict?: unknown; message?: string }>((resolve) => {
          waiting.set(id, resolve)
          worker.postMessage({ id, type: 'photo', blob })
        })
        if (reply.type !== 'verdict') throw new Error(reply.message)
        return reply.verdict as FaceVerdict
      },
    }
  })
  const workerUrl = faceWorkerFile()
  return {
    browser,
    page,
    origin,
    start: () => page.evaluate((url) => (window as unknown as RigWindow).faceRig.start(url), workerUrl),
    check: (fixture) =>
      page.evaluate((url) => (window as unknown as RigWindow).faceRig.check(url), `/fixtures/${fixture}`),
    async close() {
      await browser.close()
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
