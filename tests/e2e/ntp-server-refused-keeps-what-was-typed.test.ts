import type { Locale } from '../../web/i18n'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../shared/api/devices'
import ru from '../../web/i18n/messages/device-settings/ru'
import uz from '../../web/i18n/messages/device-settings/uz'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { addDevice } from '../integration/check/rig'
import { startTerminal, type Terminal } from '../sim/terminal'
import { hasHorizontalScroll, launchChromium, PHONE } from './browser'
import { pairTablet } from './enroll-rig'

/** A tablet held upright. */
const TABLET_PORTRAIT = { width: 800, height: 1280 }

const fill = (message: string, server: string) => message.replace('{server}', server)

// An admin types an NTP server the terminal will not take: the field keeps it to be put right, and the page
// says why in the screen's language, on a phone and on a tablet.
describe('an NTP server that is refused, in Chromium', () => {
  let proxy: RunningProxy
  let terminal: Terminal
  let browser: Browser
  let device: Device

  beforeAll(async () => {
    terminal = await startTerminal({ model: 'ds-k1t342mwx' })
    proxy = await startProxy({ tls: 'off' })
    device = await addDevice(proxy, terminal, 'Asosiy kirish')
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await terminal?.close()
  })

  async function settingsPage(viewport: { width: number; height: number }, locale: Locale): Promise<Page> {
    const context = await browser.newContext({ viewport, hasTouch: true })
    context.setDefaultTimeout(30_000)
    const page = await context.newPage()
    await pairTablet(page, proxy, locale)
    await page.goto(`${proxy.url}/devices/${device.id}/settings`)
    await page.getByTestId('ntp-form').waitFor()
    return page
  }

  async function save(page: Page, server: string): Promise<void> {
    await page.getByTestId('ntp-form').locator('[name="server"]').fill(server)
    await page.getByTestId('ntp-save').click()
    await page.getByTestId('ntp-refused').waitFor()
  }

  it('keeps a name that cannot be a host and says so in Russian on a phone', async () => {
    const before = terminal.state.ntpServers.map((s) => s.hostName)
    const page = await settingsPage(PHONE, 'ru')
    await save(page, 'ntp server!')
    expect(await page.getByTestId('ntp-refused').textContent()).toBe(
      fill(ru.deviceSettings.time.refused.invalid, 'ntp server!'),
    )
    // the page read the terminal again meanwhile; what was typed is still there to be put right
    await expect
      .poll(() => page.getByTestId('ntp-form').locator('[name="server"]').inputValue())
      .toBe('ntp server!')
    expect(terminal.state.ntpServers.map((s) => s.hostName)).toEqual(before)
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.context().close()
  })

  it('keeps a name the terminal itself refuses and says why in Uzbek on a tablet, without its code', async () => {
    const refusal = {
      kind: 'error',
      subStatusCode: 'badXmlContent',
      errorMsg: 'hostName',
      httpStatus: 400,
    } as const
    terminal.setFault('ntpServer', refusal, { method: 'PUT' })
    terminal.setFault('ntpServers', refusal, { method: 'PUT' })
    try {
      const page = await settingsPage(TABLET_PORTRAIT, 'uz')
      await save(page, 'vaqt.maktab.uz')
      const reason = page.getByTestId('ntp-refused')
      expect(await reason.textContent()).toBe(fill(uz.deviceSettings.time.refused.server, 'vaqt.maktab.uz'))
      await expect
        .poll(() => page.getByTestId('ntp-form').locator('[name="server"]').inputValue())
        .toBe('vaqt.maktab.uz')
      const section = (await page.locator('[data-section="time"]').textContent()) ?? ''
      expect(section).not.toMatch(/badXmlContent|hostName/)
      expect(await hasHorizontalScroll(page)).toBe(false)
      await page.context().close()
    } finally {
      terminal.clearFaults()
    }
  })
})
