import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../shared/api/devices'
import setupUz from '../../web/i18n/messages/school-setup/uz'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { startSadpResponder, type SadpResponder } from '../sim/sadp'
import { startTerminal, type Terminal } from '../sim/terminal'
import { hasHorizontalScroll, launchChromium } from './browser'
import { pairTablet, portraitJpeg } from './enroll-rig'

const TABLET = { width: 800, height: 1280 }
const NEW_PASSWORD = 'Kirish#2026'

// An admin at a new school: "Search the network" finds a terminal fresh out of the box, gives it its
// password and adds it in one flow, then a student is enrolled onto it from the Enroll page.
describe('Search the network on the tablet, add the terminal found, enroll a student on it', () => {
  let terminal: Terminal
  let sadp: SadpResponder
  let proxy: RunningProxy
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    terminal = await startTerminal({ serialNumber: 'DS-K1T342MWX0120261207AAWRE2E000001', activated: false })
    sadp = await startSadpResponder(() => [
      {
        serial: 'DS-K1T342MWX0120261207AAWRE2E000001',
        model: 'DS-K1T342MWX',
        mac: 'ac:b9:2f:aa:bb:01',
        ipv4: terminal.host,
        httpPort: terminal.port,
        firmware: 'V3.16.1',
        activated: terminal.activated,
      },
    ])
    proxy = await startProxy({
      tls: 'off',
      env: { SR_SADP_ADDRESS: sadp.address, SR_SADP_PORT: String(sadp.port) },
    })
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: TABLET })
    context.setDefaultTimeout(20_000)
    page = await context.newPage()
    await pairTablet(page, proxy)
  })
  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await sadp?.close()
    await terminal?.close()
  })

  it('finds the inactive terminal, checks the password rule before sending, activates and adds it', async () => {
    await page.goto(`${proxy.url}/devices`)
    await page.getByRole('button', { name: setupUz.networkSearch.open }).click()
    const item = page.getByTestId('found-terminals').locator('li[data-state="inactive"]')
    await item.waitFor()
    expect(await item.textContent()).toContain(`${terminal.host}:${terminal.port}`)
    const add = item.locator('[data-action="add-found"]')
    await item.locator('[data-field="password"]').fill('admin')
    expect(await add.isDisabled()).toBe(true)
    expect(await item.locator('.rules__bad').count()).toBe(3)
    await item.locator('[data-field="password"]').fill(NEW_PASSWORD)
    expect(await item.locator('.rules__bad').count()).toBe(0)
    await add.click()
    await item.getByText(setupUz.networkSearch.added).waitFor({ timeout: 45_000 })
    expect(terminal.activated).toBe(true)
    expect(terminal.password).toBe(NEW_PASSWORD)
    expect(await hasHorizontalScroll(page)).toBe(false)
    const box = await add.boundingBox().catch(() => null)
    if (box) expect(box.height).toBeGreaterThanOrEqual(44)
    await page.keyboard.press('Escape')
    const devices = (await (await proxy.adminFetch('/api/devices')).json()) as Device[]
    expect(devices).toHaveLength(1)
    await page.locator(`[data-device-id="${devices[0]?.id}"]`).waitFor()
  })

  it('enrolls a student onto the terminal it added', async () => {
    const [device] = (await (await proxy.adminFetch('/api/devices')).json()) as Device[]
    await page.goto(`${proxy.url}/enroll`)
    await page.getByTestId('enroll-form').waitFor()
    const chip = page.getByTestId(`device-chip-${device?.id}`)
    await chip.waitFor()
    if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click()
    await page.getByTestId('photo-file').setInputFiles({
      name: 'karimova.jpg',
      mimeType: 'image/jpeg',
      buffer: await portraitJpeg(5),
    })
    await page.getByTestId('photo-preview').waitFor()
    await page.getByTestId('last-name').fill('Karimova')
    await page.getByTestId('first-name').fill('Dilnoza')
    await page.getByTestId('gender-female').click()
    await page.getByTestId('class-text').fill('5-B')
    await page.getByTestId('enroll-submit').click()
    await expect
      .poll(() => page.getByTestId('enroll-progress').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('done')
    const person = [...terminal.state.users.values()].find((user) => user.name === 'Karimova Dilnoza')
    expect(person).toBeDefined()
    expect(terminal.state.faces.has(person?.employeeNo as string)).toBe(true)
  })
})
