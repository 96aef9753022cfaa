import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import uz from '../../web/i18n/messages/uz'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { controlledByServiceWorker, launchChromium, serviceWorkerReady, TABLET } from './browser'

/**
 * A tablet that installed the proxy's local CA, as a school would: Chromium on Linux reads user-trusted roots
 * from the NSS database under $HOME/.pki/nssdb, so a throwaway HOME with the CA in it is a real install.
 * (ignoreHTTPSErrors would render the page but a service worker refuses to register over an untrusted
 * certificate, which is exactly what a school must not ship.)
 */
function trustInThrowawayHome(caPem: string): string {
  const home = mkdtempSync(join(tmpdir(), 'sr-e2e-home-'))
  const nssdb = join(home, '.pki', 'nssdb')
  mkdirSync(nssdb, { recursive: true })
  const caFile = join(home, 'ca.pem')
  writeFileSync(caFile, caPem)
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password'])
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'sr-ca', '-i', caFile])
  return home
}

describe('the app over HTTPS with the proxy’s own CA trusted', () => {
  let proxy: RunningProxy
  let browser: Browser
  let page: Page
  let home: string

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'auto' })
    expect(proxy.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(proxy.caPem).toContain('BEGIN CERTIFICATE')
    home = trustInThrowawayHome(proxy.caPem as string)
    browser = await launchChromium({ env: { ...(process.env as Record<string, string>), HOME: home } })
    const context = await browser.newContext({ viewport: TABLET })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('opens without a certificate warning, in a secure context', async () => {
    const response = await page.goto(proxy.url)
    expect(response?.status()).toBe(200)
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.enroll.title)
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true)
    expect(await page.evaluate(() => location.protocol)).toBe('https:')
    await expect.poll(() => page.locator('header [data-state]').getAttribute('data-state')).toBe('online')
  })

  it('registers its service worker over HTTPS and is controlled by it after a reload', async () => {
    expect(await serviceWorkerReady(page)).toBe(`${proxy.url}/sw.js`)
    await page.reload()
    expect(await controlledByServiceWorker(page)).toBe(true)
  })

  it('without the CA, the same browser build refuses the page (the trust above is what made it work)', async () => {
    const emptyHome = mkdtempSync(join(tmpdir(), 'sr-e2e-home-'))
    const untrusting = await launchChromium({
      env: { ...(process.env as Record<string, string>), HOME: emptyHome },
    })
    try {
      const error = await untrusting
        .newPage()
        .then((p) => p.goto(proxy.url))
        .then(
          () => null,
          (e: Error) => e,
        )
      expect(error?.message).toMatch(/ERR_CERT_AUTHORITY_INVALID|ERR_CERT/)
    } finally {
      await untrusting.close()
      rmSync(emptyHome, { recursive: true, force: true })
    }
  })
})
