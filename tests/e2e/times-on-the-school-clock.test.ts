import type { Locale } from '../../web/i18n'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { startTerminal, type Terminal } from '../sim/terminal'
import { launchChromium, PHONE, TABLET } from './browser'
import { pairTablet } from './enroll-rig'

const SCHOOL_ZONE = 'Asia/Tashkent'

/** The school's wall clock at an instant, as Uzbek screens write it (day.month.year hour:minute). */
function tashkent(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: SCHOOL_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`
}

// A screen whose own clock is set to another zone (a phone bought abroad, a tablet left on Moscow time)
// still shows the times of the school's day.
describe("times on the school's clock in Chromium", () => {
  let proxy: RunningProxy
  let terminal: Terminal
  let browser: Browser
  let addedAt = ''

  beforeAll(async () => {
    terminal = await startTerminal({ model: 'ds-k1t342mwx' })
    proxy = await startProxy({ tls: 'off', env: { SR_TIMEZONE: SCHOOL_ZONE } })
    const added = await proxy.adminFetch('/api/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Asosiy kirish',
        host: terminal.host,
        port: terminal.port,
        username: terminal.username,
        password: terminal.password,
      }),
    })
    expect(added.status).toBe(201)
    const trail = (await (await proxy.adminFetch('/api/audit?action=device.create')).json()) as {
      data: Array<{ at: string }>
    }
    addedAt = trail.data[0]!.at
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await terminal?.close()
  })

  async function auditPage(
    viewport: { width: number; height: number },
    timezoneId: string,
    locale: Locale,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, timezoneId })
    context.setDefaultTimeout(30_000)
    const page = await context.newPage()
    await pairTablet(page, proxy, locale)
    await page.goto(`${proxy.url}/audit`)
    return page
  }

  it('shows the audit time as the school reads it on a phone set to New York', async () => {
    const page = await auditPage(PHONE, 'America/New_York', 'uz')
    const row = page.getByTestId('audit-row').first()
    await expect.poll(() => row.locator('time').textContent(), { timeout: 30_000 }).toBe(tashkent(addedAt))
    await page.context().close()
  })

  it('does so through Intl in Russian on a tablet set to Moscow time', async () => {
    const page = await auditPage(TABLET, 'Europe/Moscow', 'ru')
    const time = page.getByTestId('audit-row').first().locator('time')
    const school = tashkent(addedAt).slice(-5)
    await expect.poll(() => time.textContent(), { timeout: 30_000 }).toContain(school)
    const moscow = new Intl.DateTimeFormat('ru', { timeZone: 'Europe/Moscow', timeStyle: 'short' }).format(
      new Date(addedAt),
    )
    expect(await time.textContent()).not.toContain(moscow)
    await page.context().close()
  })
})
