// The world the enrollment end-to-end tests run in: the school backend simulator, two simulated entrance
// terminals, and the real proxy on a port chosen here, so it can be stopped and started again at the same
// origin (the page and its service worker stay on that origin throughout).
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './browser'
import type { Device } from '../../shared/api/devices'
import { freePort, startProxy, type RunningProxy } from '../helpers/proxy-process'
import { FACE_FIXTURES } from './face-check-rig'
import { startBackend, type SimBackend } from '../sim/backend'
import type { SeedResult } from '../sim/backend'
import { startTerminal, type Terminal } from '../sim/terminal'

export interface EnrollRig {
  backend: SimBackend
  school: SeedResult
  terminals: Terminal[]
  devices: Device[]
  proxy: RunningProxy | null
  /** (re)starts the proxy on the same port, data dir and admin token */
  startProxy(): Promise<RunningProxy>
  stopProxy(): Promise<void>
  close(): Promise<void>
}

export async function startEnrollRig(): Promise<EnrollRig> {
  const backend = await startBackend()
  const school = await backend.seedSchool({ classes: 3, students: 8, withPhotos: true, devices: 2 })
  const terminals = await Promise.all([startTerminal(), startTerminal()])
  const dataDir = mkdtempSync(join(tmpdir(), 'sr-e2e-enroll-'))
  const env = {
    SR_PORT: String(await freePort()),
    SR_ADMIN_TOKEN: `e2e-admin-${randomBytes(16).toString('hex')}`,
    SR_BACKEND_URL: backend.url,
    SR_SCHOOL_ID: backend.schoolId,
    SR_BACKEND_EMAIL: backend.credentials.admin.email,
    SR_BACKEND_PASSWORD: backend.credentials.admin.password,
  }
  const rig: EnrollRig = {
    backend,
    school,
    terminals,
    devices: [],
    proxy: null,
    async startProxy() {
      rig.proxy = await startProxy({ tls: 'off', dataDir, env })
      return rig.proxy
    },
    async stopProxy() {
      await rig.proxy?.stop()
      rig.proxy = null
    },
    async close() {
      await rig.stopProxy()
      await Promise.all(terminals.map((terminal) => terminal.close()))
      await backend.close()
    },
  }
  const proxy = await rig.startProxy()
  for (const [index, terminal] of terminals.entries()) {
    const answer = await proxy.adminFetch('/api/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Kirish ${index + 1}`,
        host: terminal.host,
        port: terminal.port,
        username: terminal.username,
        password: terminal.password,
        backendId: school.devices[index]?.id ?? null,
        direction: 'in',
      }),
    })
    if (answer.status !== 201) throw new Error(`adding a terminal failed: ${await answer.text()}`)
    rig.devices.push((await answer.json()) as Device)
  }
  return rig
}

/** The tablet is paired: the session the Settings page would have saved, with the admin token (and `locale`). */
export async function pairTablet(
  page: Page,
  proxy: RunningProxy,
  locale?: 'uz' | 'ru' | 'en',
): Promise<void> {
  await page.goto(proxy.url)
  await page.evaluate(
    ({ token, language }) => {
      localStorage.setItem(
        'sr.session',
        JSON.stringify({ token, tokenId: null, role: 'admin', proxyUrl: '' }),
      )
      if (language) localStorage.setItem('sr.locale', language)
    },
    { token: proxy.adminToken, language: locale ?? null },
  )
  await page.reload()
}

/**
 * A phone-sized portrait photo of a real face (the face check's test photo) on a background and with a band
 * whose colour and width differ per seed, so each photo is its own file, as a JPEG.
 */
export async function portraitJpeg(seed: number): Promise<Buffer> {
  const hue = (seed * 67) % 360
  const face = await sharp(join(FACE_FIXTURES, 'one-person.jpg')).resize(1200, 1600).toBuffer()
  const band = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1500" height="2000"><rect width="1500" height="2000" fill="hsl(${hue},35%,78%)"/><rect x="0" y="1880" width="${300 + ((seed * 97) % 1200)}" height="120" fill="hsl(${(hue + 180) % 360},40%,40%)"/></svg>`,
  )
  return sharp(band)
    .composite([{ input: face, left: 150, top: 200 }])
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** The tablet held upright, as the secretaries hold it at the desk. */
export const TABLET_PORTRAIT = { width: 800, height: 1280 }

/**
 * Chromium with its fake camera on an upright touch tablet, the camera allowed and the screen paired: the
 * page the student-sheet and enrollment-taps tests work in.
 */
export async function cameraTablet(
  rig: EnrollRig,
  cameraArgs = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium({ args: cameraArgs })
  const context = await browser.newContext({ viewport: TABLET_PORTRAIT, hasTouch: true })
  await context.grantPermissions(['camera'], { origin: rig.proxy!.url })
  context.setDefaultTimeout(30_000)
  const page = await context.newPage()
  await pairTablet(page, rig.proxy!)
  return { browser, page }
}
