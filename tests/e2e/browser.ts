// Real Chromium for the end-to-end tests: the Debian build, driven by playwright-core (no bundled browser).
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/lib/chromium/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export const TABLET = { width: 1280, height: 800 }
export const PHONE = { width: 390, height: 844 }

/** A new page on a phone-sized touch screen (its own context), waiting up to `timeoutMs` for anything. */
export async function phonePage(browser: Browser, timeoutMs = 45_000): Promise<Page> {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  })
  context.setDefaultTimeout(timeoutMs)
  return context.newPage()
}

export function launchChromium(
  options: { env?: Record<string, string>; args?: string[] } = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    ...(options.env ? { env: options.env } : {}),
  })
}

/** Wait until a service worker is active for the page's scope; resolves with its script URL. */
export function serviceWorkerReady(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return registration.active?.scriptURL ?? ''
  })
}

export function controlledByServiceWorker(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null)
}

/** The page is no wider than the window: nothing sticks out sideways on a phone. */
export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
}
