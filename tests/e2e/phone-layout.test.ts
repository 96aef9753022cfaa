import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import uz from '../../web/i18n/messages/uz'
import auditTexts from '../../web/i18n/messages/audit/uz'
import { NAV_ITEMS, routes, type PageName } from '../../web/router'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { hasHorizontalScroll, launchChromium, PHONE, phonePage } from './browser'

const TITLES: Record<PageName, string> = {
  enroll: uz.pages.enroll.title,
  queue: uz.pages.queue.title,
  devices: uz.pages.devices.title,
  students: uz.pages.students.title,
  check: uz.pages.check.title,
  settings: uz.pages.settings.title,
  audit: auditTexts.audit.title,
}

const PHONE_TABS = NAV_ITEMS.filter((item) => item.phoneTab)
/** the pages this operator's menu offers (admin-only pages are left out of it) */
const OPERATOR_PAGES = NAV_ITEMS.filter(
  (item) => !routes.find((route) => route.path === item.path)?.meta?.admin,
)

/** Tab labels cut short with "…", measured on the text itself to the subpixel. */
function tabLabelsThatDoNotFit(page: Page): Promise<string[]> {
  return page.locator('[data-testid="main-nav"] .nav__label--short').evaluateAll((labels) =>
    labels
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        const range = document.createRange()
        range.selectNodeContents(el)
        return range.getBoundingClientRect().width > el.getBoundingClientRect().width + 0.01
      })
      .map((el) => el.textContent ?? ''),
  )
}

// A teacher's phone: paired by scanning the admin's QR (the link carries ?pair=CODE), then every page.
describe('the app on a phone (390×844)', () => {
  let proxy: RunningProxy
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off' })
    browser = await launchChromium()
    page = await phonePage(browser, 15_000)
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
  })

  it('pairs from a scanned link and removes the code from the address', async () => {
    const issued = await proxy.adminFetch('/api/pairing-codes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'operator' }),
    })
    expect(issued.status).toBe(201)
    const { code } = (await issued.json()) as { code: string }

    await page.goto(`${proxy.url}/?pair=${code}`)
    await page.getByTestId('paired-state').waitFor()
    expect(await page.getByTestId('paired-state').textContent()).toContain(uz.roles.operator)
    expect(new URL(page.url()).search).toBe('')
    expect(new URL(page.url()).pathname).toBe('/settings')
  })

  it('shows the menu as a bottom tab bar of finger-sized tabs with icons and labels', async () => {
    const nav = page.getByTestId('main-nav')
    const bar = await nav.boundingBox()
    expect(bar).not.toBeNull()
    expect(Math.round((bar?.y ?? 0) + (bar?.height ?? 0))).toBe(PHONE.height)
    expect(bar?.width).toBe(PHONE.width)

    for (const item of PHONE_TABS) {
      const tab = page.getByTestId(`nav-${item.name}`)
      const box = await tab.boundingBox()
      expect(box?.width, item.name).toBeGreaterThanOrEqual(48)
      expect(box?.height, item.name).toBeGreaterThanOrEqual(48)
      expect(await tab.locator('svg').count(), item.name).toBe(1)
      expect(await tab.locator('.nav__label--short').isVisible(), item.name).toBe(true)
    }
    expect(await tabLabelsThatDoNotFit(page)).toEqual([])

    // Settings sits in the header on a phone, as a finger-sized button
    expect(await page.getByTestId('nav-settings').isVisible()).toBe(false)
    const gear = await page.getByTestId('header-settings').boundingBox()
    expect(gear?.width).toBeGreaterThanOrEqual(48)
    expect(gear?.height).toBeGreaterThanOrEqual(48)
  })

  it('fits the tab labels in Russian and English too', async () => {
    await page.getByTestId('header-settings').tap()
    for (const locale of ['ru', 'en', 'uz']) {
      await page.getByTestId(`language-${locale}`).check()
      expect(await tabLabelsThatDoNotFit(page), locale).toEqual([])
    }
    await expect.poll(() => page.locator('h1').textContent()).toBe(TITLES.settings)
  })

  it.each(OPERATOR_PAGES.map((item) => item.name))(
    'opens %s in Uzbek without sideways scrolling',
    async (name) => {
      const opener =
        name === 'settings' ? page.getByTestId('header-settings') : page.getByTestId(`nav-${name}`)
      await opener.tap()
      await expect.poll(() => page.locator('h1').textContent()).toBe(TITLES[name])
      await page.waitForLoadState('networkidle')
      expect(await hasHorizontalScroll(page)).toBe(false)
      expect(await opener.getAttribute('aria-current')).toBe('page')
      await page.screenshot({ path: `/tmp/e2e-phone-${name}.png` })
    },
  )

  it('keeps the last card clear of the tab bar when scrolled to the bottom', async () => {
    await page.getByTestId('header-settings').tap()
    await expect.poll(() => page.locator('h1').textContent()).toBe(TITLES.settings)
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    const lastCard = await page.locator('main .card').last().boundingBox()
    const bar = await page.getByTestId('main-nav').boundingBox()
    expect((lastCard?.y ?? 0) + (lastCard?.height ?? 0)).toBeLessThanOrEqual(bar?.y ?? 0)
    await page.screenshot({ path: '/tmp/e2e-phone-settings-bottom.png' })
  })
})
