import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningProxy } from '../helpers/proxy-process'
import { addDevice, call, proxyFor } from '../integration/check/rig'
import { startBackend, type SimBackend } from '../sim/backend'
import { startTerminal, type Terminal } from '../sim/terminal'
import { launchChromium, PHONE } from './browser'
import { TABLET_PORTRAIT } from './enroll-rig'

/** Words a secretary should not have to read: zone offsets, serial numbers, the attendance address. */
const JARGON: Array<[string, RegExp]> = [
  ['a UTC offset', /UTC\s?[+−-]\s?\d/],
  ['a serial number', /DS-K\w+\d{8}|seriya raqami|серийный номер|serial number/i],
  ['the attendance address', /davomat manzil|адрес(а)? посещаемости|attendance address/i],
  ['a webhook address', /\/webhook\//],
]

/** What a person sees: the visible text and what is read out or shown on hover. */
function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder]')].map((el) =>
      ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? '').join(' '),
    )
    return [document.body.innerText, ...attrs].join('\n')
  })
}

// The entrance tablet and a teacher's phone, paired as operators, against a terminal in the wrong time zone
// whose attendance address is someone else's: every page they can open, in each language.
describe('the operator’s screens speak plainly', () => {
  let backend: SimBackend
  let proxy: RunningProxy
  let terminal: Terminal
  let browser: Browser

  beforeAll(async () => {
    backend = await startBackend()
    await backend.seedSchool({ classes: 1, students: 3, withPhotos: true, devices: 0 })
    proxy = await proxyFor(backend)
    terminal = await startTerminal({ model: 'ds-k1t341am', seedUsers: 2 })
    terminal.state.clock.timeZone = 'CST-3:00:00'
    terminal.state.httpHosts[0] = {
      id: '1',
      url: '/hik/events',
      protocolType: 'HTTP',
      parameterFormatType: 'JSON',
      addressingFormatType: 'ipaddress',
      ipAddress: '192.168.1.2',
      portNo: 8088,
      httpAuthenticationMethod: 'none',
    }
    await addDevice(proxy, terminal, 'Asosiy kirish', 'in')
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all([terminal?.close(), backend?.close()])
  })

  async function operatorScreen(viewport: typeof PHONE): Promise<Page> {
    const phone = viewport.width < 720
    const context = await browser.newContext({ viewport, hasTouch: true, isMobile: phone })
    context.setDefaultTimeout(30_000)
    const page = await context.newPage()
    const issued = await call<{ code: string }>(proxy, 'POST', '/api/pairing-codes', { role: 'operator' })
    await page.goto(`${proxy.url}/?pair=${issued.body.code}`)
    await page.getByTestId('paired-state').waitFor()
    return page
  }

  it.each([
    ['a 390×844 phone', PHONE],
    ['an 800×1280 tablet', TABLET_PORTRAIT],
  ] as const)(
    'shows no zone offset, serial number or address on %s, in any language',
    async (_name, viewport) => {
      const page = await operatorScreen(viewport)
      const found: string[] = []
      for (const locale of ['uz', 'ru', 'en']) {
        await page.evaluate((l) => localStorage.setItem('sr.locale', l), locale)
        for (const path of ['/', '/queue', '/devices', '/students', '/check', '/settings']) {
          await page.goto(`${proxy.url}${path}`)
          await page.locator('h1').first().waitFor()
          await page.waitForLoadState('networkidle')
          await expect
            .poll(() => page.locator('[aria-busy="true"], .spinner').count(), { timeout: 30_000 })
            .toBe(0)
          const text = await screenText(page)
          for (const [what, pattern] of JARGON)
            if (pattern.test(text)) found.push(`${locale} ${path}: ${what} (${pattern.exec(text)?.[0]})`)
        }
      }
      // the Check page did show the terminal's trouble, in plain words
      await page.evaluate(() => localStorage.setItem('sr.locale', 'uz'))
      await page.goto(`${proxy.url}/check`)
      await expect.poll(() => page.getByTestId('check-clock').first().getAttribute('data-level')).toBe('warn')
      await page.context().close()
      expect(found).toEqual([])
    },
    180_000,
  )
})
