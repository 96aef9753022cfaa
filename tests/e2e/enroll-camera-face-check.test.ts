// The Enroll page's camera with the face check: Chromium's fake camera plays a real photo, the guide speaks,
// the shutter opens only for a good face (taking it by itself after a steady second), and an operator can
// override the one failing check after a confirmation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import faceCheckUz from '../../web/i18n/messages/face-check/uz'
import { launchChromium } from './browser'
import { pairTablet, startEnrollRig, type EnrollRig } from './enroll-rig'
import { fakeCameraArgs } from './fake-camera'

const TABLET = { width: 800, height: 1280 }

async function enrollWithCamera(rig: EnrollRig, fixture: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium({ args: await fakeCameraArgs(fixture) })
  const context = await browser.newContext({ viewport: TABLET, hasTouch: true })
  await context.grantPermissions(['camera'], { origin: rig.proxy!.url })
  context.setDefaultTimeout(30_000)
  const page = await context.newPage()
  await pairTablet(page, rig.proxy!)
  await page.goto(`${rig.proxy!.url}/`)
  // the camera was allowed, so it starts without a tap
  await page.locator('video').waitFor()
  return { browser, page }
}

describe('the face check on the Enroll page’s camera', () => {
  let rig: EnrollRig
  const browsers: Browser[] = []

  beforeAll(async () => {
    rig = await startEnrollRig()
  }, 120_000)

  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()))
    await rig?.close()
  })

  it('says "good", opens the shutter and takes a good face by itself, cropped to head and shoulders', async () => {
    const { browser, page } = await enrollWithCamera(rig, 'one-person.jpg')
    browsers.push(browser)
    const guide = page.getByTestId('face-check-text')
    await expect.poll(() => guide.getAttribute('data-problem'), { timeout: 60_000 }).toBe('none')
    expect(await guide.textContent()).toContain(faceCheckUz.faceCheck.ok)
    await page.getByTestId('photo-preview').waitFor({ timeout: 30_000 })
    const size = await page
      .getByTestId('photo-preview')
      .evaluate((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight])
    // cut around the face in 3:4 (this face fills the frame, so the crop is the whole 480×640 frame)
    expect(size[0]! / size[1]!).toBeCloseTo(0.75, 1)
    expect(await page.getByTestId('face-check-overridden').count()).toBe(0)
  })

  it('says "come closer" to a far face, keeps the shutter shut, and opens it after a confirmed override', async () => {
    const { browser, page } = await enrollWithCamera(rig, 'far-face.jpg')
    browsers.push(browser)
    const guide = page.getByTestId('face-check-text')
    await expect.poll(() => guide.getAttribute('data-problem'), { timeout: 60_000 }).toBe('small')
    expect(await guide.textContent()).toContain(faceCheckUz.faceCheck.guide.small)
    expect(await page.getByTestId('photo-take').isDisabled()).toBe(true)
    await page.screenshot({ path: '/tmp/e2e-enroll-face-check-far.png' })

    await page.getByTestId('face-check-override').click()
    await page.getByTestId('confirm-yes').click()
    await expect.poll(() => page.getByTestId('photo-take').isEnabled()).toBe(true)
    await page.getByTestId('photo-take').click()
    await page.getByTestId('photo-preview').waitFor()
    expect(await page.getByTestId('face-check-overridden').textContent()).toContain(
      faceCheckUz.faceCheck.guide.small,
    )
  })
})
