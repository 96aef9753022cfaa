import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Device } from '../../shared/api/devices'
import uz from '../../web/i18n/messages/device-settings/uz'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { addDevice, call } from '../integration/check/rig'
import { startTerminal, type Terminal } from '../sim/terminal'
import { hasHorizontalScroll, launchChromium } from './browser'
import { pairTablet } from './enroll-rig'

/** A tablet held upright. */
const TABLET_PORTRAIT = { width: 800, height: 1280 }
const text = uz.deviceSettings.network

function freshLoopback(): string {
  return `127.${20 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 2}`
}

/** The first part of a message, before its first placeholder: enough to find it on the screen. */
const lead = (message: string) => message.split('{')[0]?.trim() ?? message

// An admin on a tablet moves a terminal to a new address; a second terminal vanishes after its change.
describe('changing a terminal’s network address on a tablet (Chromium, 800×1280)', () => {
  let proxy: RunningProxy
  let browser: Browser
  const terminals: Terminal[] = []

  beforeAll(async () => {
    proxy = await startProxy({ tls: 'off', env: { SR_DEVICE_MOVE_WAIT_SEC: '4' } })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all(terminals.map((t) => t.close()))
  })

  async function settingsPage(device: Device): Promise<Page> {
    const context = await browser.newContext({ viewport: TABLET_PORTRAIT, hasTouch: true })
    context.setDefaultTimeout(30_000)
    const page = await context.newPage()
    await pairTablet(page, proxy)
    await page.goto(`${proxy.url}/devices/${device.id}/settings`)
    await page.getByTestId('network-form').waitFor()
    return page
  }

  async function changeAddress(page: Page, address: string): Promise<void> {
    const form = page.getByTestId('network-form')
    await form.locator('[name="ipAddress"]').fill(address)
    const save = page.getByTestId('network-save')
    const box = await save.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
    await save.click()
    // said before the admin confirms: the terminal does not come back by itself
    await expect.poll(() => page.getByTestId('network-no-revert').textContent()).toBe(text.noRevert)
    await page.getByTestId('confirm-yes').click()
  }

  it('moves the terminal, finds it at the new address and shows where it now is', async () => {
    const t = await startTerminal({ model: 'ds-k1t342mwx' })
    terminals.push(t)
    const device = await addDevice(proxy, t, 'Asosiy kirish')
    const page = await settingsPage(device)
    expect(await hasHorizontalScroll(page)).toBe(false)
    const next = freshLoopback()
    await changeAddress(page, next)
    const saved = page.getByTestId('network-saved')
    await saved.waitFor()
    expect(await saved.textContent()).toContain(next)
    expect(t.host).toBe(next)
    const devices = Device.array().parse((await call(proxy, 'GET', '/api/devices')).body)
    expect(devices.find((d) => d.id === device.id)?.host).toBe(next)
    // the page read the device again, at its new address
    await expect
      .poll(() => page.getByTestId('network-form').locator('[name="ipAddress"]').inputValue())
      .toBe(next)
    await page.context().close()
  })

  it('says what happened and how to recover when the terminal stops answering after the change', async () => {
    const t = await startTerminal({ model: 'ds-k1t342mwx', afterAddressChange: 'vanish' })
    terminals.push(t)
    const device = await addDevice(proxy, t, 'Orqa eshik')
    const page = await settingsPage(device)
    const next = freshLoopback()
    await changeAddress(page, next)
    const lost = page.getByTestId('network-lost')
    await lost.waitFor()
    const shown = (await lost.textContent()) ?? ''
    expect(shown).toContain(lead(text.lost).slice(0, 20))
    expect(shown).toContain(next)
    expect(shown).toContain('127.0.0.1')
    expect(await hasHorizontalScroll(page)).toBe(false)
    const devices = Device.array().parse((await call(proxy, 'GET', '/api/devices')).body)
    expect(devices.find((d) => d.id === device.id)?.host).toBe('127.0.0.1')
    await page.context().close()
  })
})
