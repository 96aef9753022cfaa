import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, PHONE, TABLET } from './browser'
import { pairTablet, startEnrollRig, TABLET_PORTRAIT, type EnrollRig } from './enroll-rig'

async function screen(
  browser: Browser,
  rig: EnrollRig,
  viewport: typeof PHONE,
  phone = false,
): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true, isMobile: phone })
  context.setDefaultTimeout(30_000)
  const page = await context.newPage()
  await pairTablet(page, rig.proxy!)
  return page
}

/** Where a box sits against the screen: its top and bottom, the screen's height, the stuck header's foot. */
function placeOf(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const box = document.querySelector(selector)!.getBoundingClientRect()
    const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0
    return { top: box.top, bottom: box.bottom, screen: window.innerHeight, header }
  }, selector)
}

// A secretary's tablet and a teacher's phone, a school of some thirty students on two entrance terminals.
describe('what a person taps is where they look', () => {
  let rig: EnrollRig
  let browser: Browser

  beforeAll(async () => {
    rig = await startEnrollRig()
    // a long list: the student checked last sits well below the first screen
    await rig.backend.seedSchool({ classes: 0, students: 24, withPhotos: false })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('keeps each terminal chip clear of the stuck submit button on a landscape tablet', async () => {
    const page = await screen(browser, rig, TABLET)
    await page.getByTestId('enroll-form').waitFor()
    const chips = page.locator('[data-testid="device-chips"] button')
    expect(await chips.count()).toBe(2)
    /**
     * From the top of the form, the browser brings the chip into view as it would a focused one; where it
     * stops. Asked until the page has settled: the bar's height becomes the page's scroll padding once the
     * bar has been measured, which a busy machine may not have done yet.
     */
    const broughtIntoView = async (chip: Locator) => {
      const seen: { box: Awaited<ReturnType<Locator['boundingBox']>> } = { box: null }
      await expect
        .poll(async () => {
          await page.evaluate(() => window.scrollTo(0, 0))
          await chip.evaluate((el) => el.scrollIntoView({ block: 'nearest' }))
          seen.box = await chip.boundingBox()
          const bar = await page.getByTestId('enroll-submit-bar').boundingBox()
          return !!seen.box && !!bar && seen.box.y + seen.box.height <= bar.y
        })
        .toBe(true)
      return seen.box!
    }
    for (const chip of await chips.all()) {
      const box = await broughtIntoView(chip)
      // and a finger on it reaches the chip, not the button above it
      const pressed = await chip.getAttribute('aria-pressed')
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2)
      await expect.poll(() => chip.getAttribute('aria-pressed')).not.toBe(pressed)
    }
    // the bar grows when it lists what is missing; the chips still stop above it
    await page.getByTestId('enroll-submit').tap()
    await page.getByTestId('enroll-errors').waitFor()
    await broughtIntoView(chips.first())
    await page.screenshot({ path: '/tmp/e2e-enroll-landscape-chips.png' })
    await page.context().close()
  })

  it.each([
    ['a 390×844 phone', PHONE, true],
    ['an 800×1280 tablet', TABLET_PORTRAIT, false],
  ] as const)(
    'shows the live check of the last student on screen where it was asked for, on %s',
    async (_name, viewport, phone) => {
      const page = await screen(browser, rig, viewport, phone)
      await page.goto(`${rig.proxy!.url}/students`)
      const last = page.locator('[data-testid="students-list"] > li').last()
      await last.scrollIntoViewIfNeeded()
      await last.getByTestId('student-open').tap()
      await page.getByTestId('student-live-check').tap()
      await page.getByTestId('live-check').waitFor()
      await expect
        .poll(async () => {
          const place = await placeOf(page, '#live-check-title')
          return place.top >= place.header - 1 && place.bottom <= place.screen
        })
        .toBe(true)
      await page.getByTestId('live-check-grid').waitFor()
      await page.screenshot({ path: `/tmp/e2e-live-check-in-view-${viewport.width}.png` })
      await page.context().close()
    },
  )
})
