import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import uz from '../../web/i18n/messages/uz'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { controlledByServiceWorker, launchChromium, serviceWorkerReady, TABLET } from './browser'

// One story, in order: a fresh proxy on plain http://127.0.0.1 (a secure context), a tablet opens the app,
// pairs through Settings, the service worker takes over, the proxy goes away, and the app still opens.
describe('the app on a tablet, paired and then cut off from the proxy', () => {
  let proxy: RunningProxy
  let browser: Browser
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off' })
    browser = await launchChromium()
    context = await browser.newContext({ viewport: TABLET })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
  })

  it('opens in Uzbek on the home page, and asks to be paired', async () => {
    await page.goto(proxy.url)
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.enroll.title)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uz-Latn')
    expect(await page.getByTestId('pairing-banner').textContent()).toContain(uz.pairingBanner.title)
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true)
  })

  it('links a valid web manifest with the icons an install needs', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href')
    expect(href).toBeTruthy()
    const manifestUrl = new URL(href as string, proxy.url)
    const response = await page.request.get(manifestUrl.toString())
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toContain('application/manifest+json')
    const manifest = (await response.json()) as {
      name: string
      short_name: string
      lang: string
      display: string
      start_url: string
      theme_color: string
      icons: { src: string; sizes: string; type: string; purpose?: string }[]
    }
    expect(manifest).toMatchObject({
      name: 'Student Registrator',
      lang: 'uz',
      display: 'standalone',
      start_url: '/',
    })
    expect(manifest.short_name.length).toBeLessThanOrEqual(12)
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i)
    const png = manifest.icons.filter((icon) => icon.type === 'image/png')
    expect(png.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(png.some((icon) => icon.purpose === 'maskable' && icon.sizes === '512x512')).toBe(true)
    for (const icon of manifest.icons) {
      const file = await page.request.get(new URL(icon.src, manifestUrl).toString())
      expect(file.status(), icon.src).toBe(200)
      expect(file.headers()['content-type'], icon.src).toBe(icon.type)
    }
  })

  it('pairs with the code the proxy printed, through the Settings page', async () => {
    expect(proxy.pairingCode).toMatch(/^\d+$/)
    await page.getByTestId('nav-settings').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.settings.title)
    await page.getByTestId('pair-code').fill(proxy.pairingCode as string)
    await page.getByTestId('pair-submit').click()
    await page.getByTestId('paired-state').waitFor()
    expect(await page.getByTestId('paired-state').textContent()).toContain(uz.settings.pairing.success)
    // the first screen is the proxy's administrator: it may pair others and sees the screen list
    await page.getByTestId('pair-another-panel').waitFor()
    await expect
      .poll(() => page.getByTestId('tokens-panel').textContent())
      .toContain(uz.settings.tokens.thisScreen)
    expect(await page.getByTestId('pairing-banner').count()).toBe(0)
    await page.screenshot({ path: '/tmp/e2e-tablet-settings-paired.png', fullPage: true })
  })

  it('lets the admin make a code for another screen, shown with a QR', async () => {
    await page.getByTestId('pair-another-panel').getByRole('button').click()
    await page.getByTestId('issued-code').waitFor()
    const code = await page.getByTestId('issued-code-value').textContent()
    expect(code).toMatch(/^\d+$/)
    expect(await page.getByTestId('issued-code').textContent()).toContain(`?pair=${code}`)
    expect(await page.locator('[data-testid="issued-code"] img').getAttribute('src')).toMatch(
      /^data:image\/svg\+xml/,
    )
    await page.getByTestId('issued-code').screenshot({ path: '/tmp/e2e-tablet-issued-code.png' })
  })

  it('is served by its service worker after a reload', async () => {
    expect(await serviceWorkerReady(page)).toBe(`${proxy.url}/sw.js`)
    await page.reload()
    expect(await controlledByServiceWorker(page)).toBe(true)
    await page.goto(proxy.url)
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.enroll.title)
    await expect.poll(() => page.locator('header [data-state]').getAttribute('data-state')).toBe('online')
    await page.screenshot({ path: '/tmp/e2e-tablet-home-paired.png' })
  })

  it('never answers the API from the service worker', async () => {
    const api = await page.goto(`${proxy.url}/api/health`)
    expect(api?.fromServiceWorker()).toBe(false)
    expect(api?.headers()['content-type']).toContain('application/json')
    await page.goto(proxy.url)
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.enroll.title)
  })

  it('still opens from the service worker when the proxy is gone, and says it is offline', async () => {
    await proxy.stop()
    const response = await page.reload()
    expect(response?.fromServiceWorker()).toBe(true)
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.enroll.title)
    await expect.poll(() => page.locator('header [data-state]').getAttribute('data-state')).toBe('offline')
    expect(await page.locator('header [data-state]').textContent()).toContain(uz.status.offline)

    // pages loaded later come from the precache too, and the pairing survived the restart
    await page.getByTestId('nav-settings').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.settings.title)
    expect(await page.getByTestId('paired-state').textContent()).toContain(uz.settings.pairing.pairedTitle)
    await page.getByTestId('nav-queue').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.queue.title)
    await page.screenshot({ path: '/tmp/e2e-tablet-queue-offline.png' })
  })
})
