import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningProxy } from '../helpers/proxy-process'
import { addDevice, call, proxyFor } from '../integration/check/rig'
import { startBackend, type SimBackend } from '../sim/backend'
import { addLog } from '../sim/backend/model'
import { startTerminal, type Terminal } from '../sim/terminal'
import { launchChromium, TABLET } from './browser'
import { pairTablet } from './enroll-rig'
import { codes, foreignWords, rawKeys, withoutAddresses } from '../helpers/language-texts'

/** What a person sees: the visible text and the words read out or shown on hover, plus the tab's title. */
function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder],img[alt]')].map((el) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? '').join(' '),
    )
    return [document.title, document.body.innerText, ...attrs].join('\n')
  })
}

/** Strings that come from the school's own data (names, classes, addresses, models): not translated. */
function dataStrings(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) dataStrings(item, out)
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string' && /name|host|model|serial|firmware|username|mac|url|address/i.test(key))
        out.add(inner)
      else dataStrings(inner, out)
    }
  }
  return out
}

// An admin's tablet walks every page in each language with a school's data: students and classes from the
// school server, a terminal with people on it, the change history those made.
describe('every page in Uzbek, Russian and English', () => {
  let backend: SimBackend
  let proxy: RunningProxy
  let terminal: Terminal
  let browser: Browser
  let page: Page
  let deviceId = ''
  const names = new Set<string>()

  beforeAll(async () => {
    backend = await startBackend()
    proxy = await proxyFor(backend)
    terminal = await startTerminal({ model: 'ds-k1t341am', seedUsers: 3, clockDriftSec: -95 })
    deviceId = (await addDevice(proxy, terminal, 'Asosiy kirish', 'in')).id
    for (const path of [
      '/api/devices',
      '/api/students?limit=200',
      '/api/classes',
      `/api/devices/${deviceId}/users?offset=0&limit=50`,
    ])
      dataStrings((await call(proxy, 'GET', path)).body, names)
    names.add(proxy.url.replace(/^https?:\/\//, ''))
    // a morning's changes for the history: a screen paired, a clock set, an operator refused an admin's work
    const code = await call<{ code: string }>(proxy, 'POST', '/api/pairing-codes', { role: 'operator' })
    const paired = await proxy.fetch('/api/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.body.code, name: 'Navbatchi telefoni' }),
    })
    const operator = ((await paired.json()) as { token: string }).token
    names.add('Navbatchi telefoni')
    await call(proxy, 'POST', `/api/devices/${deviceId}/time/sync`)
    await proxy.fetch(`/api/devices/${deviceId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${operator}` },
    })
    addLog(backend.state, {
      schoolId: backend.schoolId,
      level: 'INFO',
      eventType: 'DEVICE_RESULT',
      stage: 'DEVICE_RESULT',
      status: 'SUCCESS',
      message: 'Qurilmaga yozildi',
    })
    // the journal's message is the school server's own text, shown as it wrote it
    names.add('Qurilmaga yozildi')
    for (const path of ['/api/devices/status', `/api/devices/${deviceId}/settings`, '/api/webhooks'])
      dataStrings((await call(proxy, 'GET', path)).body, names)
    browser = await launchChromium()
    page = await (await browser.newContext({ viewport: TABLET })).newPage()
    page.setDefaultTimeout(30_000)
    await pairTablet(page, proxy)
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all([terminal?.close(), backend?.close()])
  })

  const pages = () => [
    '/',
    '/queue',
    '/devices',
    '/students',
    '/check',
    '/settings',
    '/audit',
    '/import',
    `/devices/${deviceId}/settings`,
    `/devices/${deviceId}/import`,
  ]

  /** The change history's details opened, and the school server's journal beside it. */
  async function auditDetails(): Promise<string> {
    const closed = page.locator('[data-testid="audit-row"] button[aria-expanded="false"]')
    while ((await closed.count()) > 0) await closed.first().click()
    let text = await screenText(page)
    await page.getByTestId('audit-tab-server').click()
    await page.getByTestId('server-log-row').first().waitFor()
    text += await screenText(page)
    return text
  }

  async function visit(path: string, locale: string): Promise<string> {
    await page.evaluate((l) => localStorage.setItem('sr.locale', l), locale)
    await page.goto(`${proxy.url}${path}`)
    await page.locator('h1').first().waitFor()
    await page.waitForLoadState('networkidle')
    await expect.poll(() => page.locator('[aria-busy="true"], .spinner').count(), { timeout: 30_000 }).toBe(0)
    let text = await screenText(page)
    if (path === '/audit') text += await auditDetails()
    for (const name of [...names].sort((a, b) => b.length - a.length)) text = text.split(name).join(' ')
    return withoutAddresses(text)
  }

  const LOCALES = ['uz', 'ru', 'en'] as const
  const WIDTHS = [360, 390, 800, 1280]

  /** What one page showed in one language: its text on the tablet, and what overflowed each screen width. */
  interface Seen {
    path: string
    locale: (typeof LOCALES)[number]
    text: string
    wider: Map<number, string>
  }

  /** The leaf element that sticks out past the right edge, or null when the page fits the screen. */
  function overflow(): Promise<string | null> {
    return page.evaluate(async () => {
      // a resize lays out again and runs ResizeObservers over the next frames
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
      if (document.documentElement.scrollWidth <= window.innerWidth) return null
      const culprit = [...document.querySelectorAll('body *')].find(
        (el) => el.getBoundingClientRect().right > window.innerWidth + 1 && el.children.length === 0,
      )
      return culprit ? `${culprit.tagName.toLowerCase()}.${culprit.className}` : 'the page'
    })
  }

  /**
   * Every page once per language: its text read on the tablet, then the same page narrowed and widened to
   * each screen width (the layout follows the width through CSS and ResizeObservers, as on a phone turned
   * or a window resized). One walk serves every check below.
   */
  let walked: Promise<Seen[]> | null = null
  function walk(): Promise<Seen[]> {
    walked ??= (async () => {
      const seen: Seen[] = []
      for (const locale of LOCALES) {
        for (const path of pages()) {
          await page.setViewportSize(TABLET)
          const text = await visit(path, locale)
          const wider = new Map<number, string>()
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: width < 800 ? 844 : 1280 })
            const wide = await overflow()
            if (wide) wider.set(width, wide)
          }
          seen.push({ path, locale, text, wider })
        }
      }
      await page.setViewportSize(TABLET)
      return seen
    })()
    return walked
  }

  it.each(LOCALES)(
    'shows no raw message key, code, id or machine time on any page in %s',
    async (locale) => {
      const found: string[] = []
      for (const { path, text } of (await walk()).filter((seen) => seen.locale === locale)) {
        for (const key of rawKeys(text)) found.push(`${path}: ${key}`)
        for (const code of codes(text)) found.push(`${path}: ${code}`)
      }
      expect(found).toEqual([])
    },
    300_000,
  )

  it.each(['uz', 'ru'] as const)(
    'shows no English words on any page in %s',
    async (locale) => {
      const found: string[] = []
      for (const { path, text } of (await walk()).filter((seen) => seen.locale === locale)) {
        const words = [...new Set(foreignWords(text, locale))]
        if (words.length > 0) found.push(`${path}: ${words.join(' ')}`)
      }
      expect(found).toEqual([])
    },
    300_000,
  )

  it.each(WIDTHS)(
    'no page is wider than a %i px screen, in any language',
    async (width) => {
      const found: string[] = []
      for (const { path, locale, wider } of await walk()) {
        const wide = wider.get(width)
        if (wide) found.push(`${locale} ${path}: ${wide}`)
      }
      expect(found).toEqual([])
    },
    300_000,
  )
})
