import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../shared/api/devices'
import uz from '../../web/i18n/messages/uz'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { addDevice } from '../integration/check/rig'
import { startTerminal, type Terminal } from '../sim/terminal'
import { hasHorizontalScroll, launchChromium, PHONE } from './browser'
import { pairTablet, portraitJpeg } from './enroll-rig'

const TABLET_SIZE = { width: 1024, height: 768 }
const SHOTS = process.env.SR_SCREENSHOT_DIR ?? join(tmpdir(), 'sr-devices-screens')

async function newScreen(browser: Browser, proxy: RunningProxy, viewport: typeof TABLET_SIZE) {
  const phone = viewport.width < 720
  const context = await browser.newContext({
    viewport,
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
  context.setDefaultTimeout(20_000)
  const page = await context.newPage()
  await pairTablet(page, proxy)
  await page.goto(`${proxy.url}/devices`)
  await page.getByRole('heading', { level: 1, name: uz.pages.devices.title }).waitFor()
  return { context, page }
}

async function fillDeviceForm(page: Page, terminal: Terminal, password: string) {
  const form = page.getByTestId('device-form')
  await form.locator('[name="name"]').fill('Asosiy kirish')
  await form.locator('[name="host"]').fill(terminal.host)
  await form.locator('[name="port"]').fill(String(terminal.port))
  await form.locator('[name="username"]').fill(terminal.username)
  await form.locator('[name="password"]').fill(password)
}

// A secretary adds the entrance terminal on the tablet, mistypes the password, fixes it, enrolls a student
// with a photo from a file, and then finds the student in the terminal's users browser.
describe('the Devices page in Chromium against two simulated terminals', () => {
  let proxy: RunningProxy
  let terminals: Terminal[]
  let browser: Browser
  let tablet: { context: BrowserContext; page: Page }
  let added: Device
  let secondDevice: Device
  let employeeNo: string

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    terminals = await Promise.all([startTerminal(), startTerminal()])
    proxy = await startProxy({ tls: 'off' })
    browser = await launchChromium()
    tablet = await newScreen(browser, proxy, TABLET_SIZE)
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all((terminals ?? []).map((terminal) => terminal.close()))
  })

  it('adds a device with a wrong password and says so in Uzbek', async () => {
    const { page } = tablet
    await page.getByRole('button', { name: uz.devicesPage.add }).first().click()
    await fillDeviceForm(page, terminals[0] as Terminal, 'Notogri#1')
    await page.getByRole('button', { name: uz.deviceForm.save }).click()
    const form = page.getByTestId('device-form')
    await form.getByText(uz.errors.device_auth_failed).waitFor()
    await form.getByText(uz.deviceForm.savedNotTested).waitFor()
    expect(await form.textContent()).not.toMatch(/Notogri#1|Admin12345/)
    await page.screenshot({ path: join(SHOTS, 'tablet-wrong-password.png') })
  })

  it('keeps the device that failed its first test, marked "not connected yet" with the reason on its card', async () => {
    const { page } = tablet
    await page.keyboard.press('Escape')
    const devices = (await (await proxy.adminFetch('/api/devices')).json()) as Device[]
    expect(devices).toHaveLength(1)
    const card = page.locator(`[data-device-id="${devices[0]?.id}"]`)
    const mark = card.getByTestId('not-connected')
    await expect.poll(() => mark.textContent()).toContain(uz.devicesPage.notConnected)
    expect(await mark.textContent()).toContain(uz.errors.device_auth_failed)
    await page.screenshot({ path: join(SHOTS, 'tablet-not-connected.png') })
    // a phone opening the list sees the same mark
    const phone = await newScreen(browser, proxy, PHONE)
    const onPhone = phone.page.locator(`[data-device-id="${devices[0]?.id}"]`).getByTestId('not-connected')
    await expect.poll(() => onPhone.textContent()).toContain(uz.errors.device_auth_failed)
    expect(await hasHorizontalScroll(phone.page)).toBe(false)
    await phone.context.close()
    await card.locator('[data-action="edit"]').click()
    await page.getByTestId('device-form').waitFor()
  })

  it('tests again after the password is fixed and shows the model', async () => {
    const { page } = tablet
    const terminal = terminals[0] as Terminal
    await page.getByTestId('device-form').locator('[name="password"]').fill(terminal.password)
    await page.getByRole('button', { name: uz.deviceForm.save }).click()
    const ok = page.getByTestId('test-ok')
    await ok.waitFor()
    expect(await ok.textContent()).toContain('DS-K1T342MWX')
    await page.screenshot({ path: join(SHOTS, 'tablet-test-ok.png') })
    await page.getByRole('button', { name: uz.deviceForm.done }).click()

    const devices = (await (await proxy.adminFetch('/api/devices')).json()) as Device[]
    expect(devices).toHaveLength(1)
    added = devices[0] as Device
    expect(added).toMatchObject({ model: 'DS-K1T342MWX', host: terminal.host, port: terminal.port })
    const card = page.locator(`[data-device-id="${added.id}"]`)
    await card.getByText('DS-K1T342MWX').waitFor()
    await card.locator('[data-state="online"]').waitFor()
    expect(await card.getByTestId('not-connected').count()).toBe(0)
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: join(SHOTS, 'tablet-list.png') })
  })

  it('names the entry that already has the terminal when it is added again under another spelling', async () => {
    const { page } = tablet
    const terminal = terminals[0] as Terminal
    await page.getByRole('button', { name: uz.devicesPage.add }).first().click()
    await fillDeviceForm(page, terminal, terminal.password)
    await page.getByTestId('device-form').locator('[name="name"]').fill('Yana kirish')
    await page.getByTestId('device-form').locator('[name="host"]').fill('localhost')
    await page.getByRole('button', { name: uz.deviceForm.save }).click()
    const said = uz.errors.conflict_same_terminal.replace('{name}', 'Asosiy kirish')
    await page.getByTestId('device-form').getByText(said).waitFor()
    await page.keyboard.press('Escape')
    expect(((await (await proxy.adminFetch('/api/devices')).json()) as Device[]).length).toBe(1)
  })

  it('enrolls a student with a file photo on the Enroll page onto both terminals', async () => {
    secondDevice = await addDevice(proxy, terminals[1] as Terminal, 'Chiqish', 'out')

    const { page } = tablet
    await page.goto(`${proxy.url}/enroll`)
    await page.getByTestId('enroll-form').waitFor()
    for (const id of [added.id, secondDevice.id]) {
      const chip = page.getByTestId(`device-chip-${id}`)
      await chip.waitFor()
      if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click()
    }
    await page.getByTestId('photo-file').setInputFiles({
      name: 'gulomov.jpg',
      mimeType: 'image/jpeg',
      buffer: await portraitJpeg(3),
    })
    await page.getByTestId('photo-preview').waitFor()
    await page.getByTestId('last-name').fill('Gʻulomov')
    await page.getByTestId('first-name').fill('Oʻtkir')
    await page.getByTestId('gender-male').click()
    // no school server here: the class is typed by hand
    await page.getByTestId('class-text').fill('7-A')
    await page.getByTestId('enroll-submit').click()
    await expect
      .poll(() => page.getByTestId('enroll-progress').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('done')
    const numbers = terminals.map(
      (terminal) =>
        [...terminal.state.users.values()].find((user) => user.name === 'Gʻulomov Oʻtkir')?.employeeNo,
    )
    expect(numbers[0]).toMatch(/^[1-9]\d{9}$/)
    expect(numbers[1]).toBe(numbers[0])
    employeeNo = numbers[0] as string
    for (const terminal of terminals) expect(terminal.state.faces.has(employeeNo)).toBe(true)
  })

  it('shows that student in the users browser, with a face thumbnail', async () => {
    await tablet.page.goto(`${proxy.url}/devices`)
    const { page } = tablet
    await page.locator(`[data-device-id="${secondDevice.id}"]`).waitFor()
    await page.locator(`[data-device-id="${added.id}"] [data-action="users"]`).click()
    const row = page.locator(`[data-employee-no="${employeeNo}"]`)
    await row.getByText('Gʻulomov Oʻtkir').waitFor()
    const face = row.locator('img')
    await face.waitFor()
    await expect.poll(() => face.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
    expect(await face.getAttribute('src')).toMatch(/^blob:/)
    await page.screenshot({ path: join(SHOTS, 'tablet-users.png') })
    await page.keyboard.press('Escape')
  })

  it('fits a phone: the list, the form and the users browser', async () => {
    const phone = await newScreen(browser, proxy, PHONE)
    const { page } = phone
    await page.locator(`[data-device-id="${added.id}"]`).waitFor()
    await page.locator('[data-state="online"]').first().waitFor()
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: join(SHOTS, 'phone-list.png') })

    await page.locator(`[data-device-id="${added.id}"] [data-action="edit"]`).click()
    await page.getByTestId('device-form').waitFor()
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: join(SHOTS, 'phone-form.png') })
    await page.keyboard.press('Escape')

    await page.locator(`[data-device-id="${added.id}"] [data-action="users"]`).click()
    await page.getByTestId('device-users').locator('img').first().waitFor()
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: join(SHOTS, 'phone-users.png') })
    await phone.context.close()
  })
})
