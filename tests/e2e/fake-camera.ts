// Chromium's fake camera playing a real face photo (a Y4M file made from a test photo), so the Enroll page's
// face check sees a face; without a file Chromium shows a green test pattern with no face in it.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { FACE_FIXTURES } from './face-check-rig'

/** One still frame as YUV 4:2:0 (BT.601, full range), the format Chromium's file camera reads. */
async function y4m(fixture: string, width: number, height: number): Promise<Buffer> {
  const { data } = await sharp(join(FACE_FIXTURES, fixture))
    .resize(width, height, { fit: 'cover' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const luma = Buffer.alloc(width * height)
  const u = Buffer.alloc((width / 2) * (height / 2))
  const v = Buffer.alloc((width / 2) * (height / 2))
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number]
      luma[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b)
      if (y % 2 === 0 && x % 2 === 0) {
        const c = (y / 2) * (width / 2) + x / 2
        u[c] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)))
        v[c] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)))
      }
    }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`)
  return Buffer.concat([header, luma, u, v])
}

/** Chromium flags for a fake camera showing `fixture` (portrait 480×640), allowed without a prompt. */
export async function fakeCameraArgs(fixture = 'one-person.jpg'): Promise<string[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'sr-e2e-camera-')), 'face.y4m')
  writeFileSync(file, await y4m(fixture, 480, 640))
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ]
}

/**
 * Takes the photo from a live camera showing a face: the face check opens the shutter, then takes the
 * photo itself after a steady second, so either the tap or the check may come first. Returns whether a tap
 * was needed. Nothing is left waiting afterwards: a click still pending could press the next form's shutter.
 */
export async function takeCameraPhoto(scope: Page | Locator): Promise<boolean> {
  const preview = scope.getByTestId('photo-preview')
  const openShutter = scope.locator('[data-testid="photo-take"]:enabled')
  const first = await Promise.race([
    openShutter.waitFor({ timeout: 60_000 }).then(
      () => 'shutter' as const,
      () => 'none' as const,
    ),
    preview.waitFor({ timeout: 60_000 }).then(
      () => 'preview' as const,
      () => 'none' as const,
    ),
  ])
  let tapped = false
  if (first === 'shutter') {
    // the check may take the photo between the wait and the click: then there is no shutter to press
    tapped = await openShutter.click({ timeout: 5_000 }).then(
      () => true,
      () => false,
    )
  }
  await preview.waitFor({ timeout: 60_000 })
  return tapped
}
