import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import check from '../../web/i18n/messages/check/uz'
import uz from '../../web/i18n/messages/uz'
import devicesText from '../../web/i18n/messages/devices/uz'
import type { RunningProxy } from '../helpers/proxy-process'
import { addDevice, call, proxyFor } from '../integration/check/rig'
import { startBackend, type SimBackend } from '../sim/backend'
import { startTerminal, type Terminal } from '../sim/terminal'
import { hasHorizontalScroll, launchChromium, phonePage } from './browser'
import { pairTablet, TABLET_PORTRAIT } from './enroll-rig'

const text = check.check

// A teacher's phone, paired by scanning the tablet's QR, looks at three live (simulated) terminals: one
// with a slow clock and no attendance address, one fine but without the address, one switched off.
describe('the Check page on a phone (390×844), in Uzbek, with live data', () => {
  let backend: SimBackend
  let proxy: RunningProxy
  let entrance: Terminal
  let exit: Terminal
  let gym: Terminal
  let browser: Browser
  let page: Page
  const ids: string[] = []

  beforeAll(async () => {
    backend = await startBackend()
    proxy = await proxyFor(backend)
    entrance = await startTerminal({ model: 'ds-k1t342mwx', seedUsers: 12, clockDriftSec: -95 })
    exit = await startTerminal({ model: 'ds-k1t341am', seedUsers: 7 })
    gym = await startTerminal({ model: 'ds-k1t341am' })
    exit.addEvent({ time: new Date(Date.now() - 5 * 60_000).toISOString(), employeeNoString: '1002' })
    ids.push((await addDevice(proxy, entrance, 'Asosiy kirish', 'in')).id)
    ids.push((await addDevice(proxy, exit, 'Chiqish eshigi', 'out')).id)
    ids.push((await addDevice(proxy, gym, 'Sport zali', 'in')).id)
    await gym.setOffline(true)

    browser = await launchChromium()
    page = await phonePage(browser)
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all([entrance?.close(), exit?.close(), gym?.close(), backend?.close()])
  })

  const card = (index: number) => page.getByTestId(`check-card-${ids[index]}`)

  it('pairs the phone from the scanned link (?pair=CODE)', async () => {
    const issued = await call<{ code: string }>(proxy, 'POST', '/api/pairing-codes', { role: 'operator' })
    expect(issued.status).toBe(201)
    await page.goto(`${proxy.url}/?pair=${issued.body.code}`)
    await page.getByTestId('paired-state').waitFor()
    expect(new URL(page.url()).search).toBe('')
  })

  it('shows one card per device with the live figures', async () => {
    await page.getByTestId('nav-check').tap()
    await expect.poll(() => page.locator('h1').textContent()).toBe(uz.pages.check.title)
    await card(2).waitFor()
    await expect
      .poll(() => page.getByTestId('check-summary').textContent())
      .toContain('3 ta qurilmadan 2 tasi ishlayapti')

    const gate = card(0)
    expect(await gate.getByTestId('check-online').textContent()).toContain(text.online)
    expect(await gate.getByTestId('check-model').textContent()).toBe('DS-K1T342MWX')
    // the operator's card speaks plainly: no serial number, no UTC offset, no address, no "More"
    expect(await gate.textContent()).not.toContain('DS-K1T342MWX20240528')
    expect(await gate.textContent()).not.toMatch(/UTC|manzil/i)
    expect(await gate.getByTestId('check-more').count()).toBe(0)
    expect(await gate.textContent()).toContain('12 / 1500')
    expect(await gate.getByTestId('check-clock').textContent()).toMatch(/9[4-6] soniya orqada/)
    expect(await gate.getByTestId('check-clock').getAttribute('data-level')).toBe('warn')
    expect(await gate.getByTestId('check-webhook').textContent()).toContain(text.webhookWrong)
    expect(await gate.getByTestId('check-event').textContent()).toMatch(/\d\d\.\d\d\.\d{4} \d\d:\d\d/)

    const door = card(1)
    expect(await door.textContent()).toContain('7 / 1500')
    expect(await door.getByTestId('check-clock').textContent()).toContain(text.clockOk)

    const off = card(2)
    expect(await off.getByTestId('check-online').textContent()).toContain(text.offline)
    expect(await off.textContent()).toContain(uz.errors.device_unreachable)

    const hooks = page.getByTestId('webhook-urls')
    expect(await hooks.getByTestId('webhook-in').count()).toBe(0)
    expect(await hooks.textContent()).not.toContain('/webhook/')
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: '/tmp/e2e-check-phone.png', fullPage: true })
  })

  it('fixes the clock and the attendance address from the card, with a clear result', async () => {
    const gate = card(0)
    // the terminal takes its time from a time server: the fix says first that it switches to manual time
    await gate.getByTestId('check-sync').tap()
    const ask = page.getByTestId('confirm')
    expect(await ask.textContent()).toContain('(NTP)')
    expect(await ask.textContent()).toContain('qoʻlda sozlangan vaqtga oʻtkazadi')
    expect(entrance.state.clock.timeMode).toBe('NTP')
    await ask.getByTestId('confirm-yes').tap()
    await expect.poll(() => gate.getByTestId('check-outcome').textContent()).toContain(text.syncOk)
    expect(await gate.getByTestId('check-outcome').textContent()).toContain(text.nowManual)
    expect(entrance.state.clock.timeMode).toBe('manual')
    await expect.poll(() => gate.getByTestId('check-clock').getAttribute('data-level')).toBe('ok')
    expect(entrance.state.clock.timeZone).toBe('CST-5:00:00')

    await gate.getByTestId('check-apply').tap()
    await expect.poll(() => gate.getByTestId('check-outcome').textContent()).toContain(text.applyOk)
    await expect.poll(() => gate.getByTestId('check-webhook').textContent()).toContain(text.webhookOk)
    expect(entrance.state.httpHosts[0]?.url).toMatch(/^\/webhook\/school-1\/in\?secret=/)
    await page.screenshot({ path: '/tmp/e2e-check-phone-fixed.png', fullPage: true })
  })

  it('shows the address another system listens on before the fix would replace it', async () => {
    const door = card(1)
    exit.state.httpHosts[0] = {
      id: '1',
      url: '/hik/events',
      protocolType: 'HTTP',
      parameterFormatType: 'JSON',
      addressingFormatType: 'ipaddress',
      ipAddress: '192.168.1.2',
      portNo: 8088,
      httpAuthenticationMethod: 'none',
    }
    await page.getByTestId('check-refresh').tap()
    await expect.poll(() => door.getByTestId('check-webhook').getAttribute('data-level')).toBe('warn')
    await expect.poll(() => page.getByTestId('check-refresh').isDisabled()).toBe(false)
    await door.getByTestId('check-apply').tap()
    const ask = page.getByTestId('confirm')
    expect(await ask.textContent()).toContain('http://192.168.1.2:8088/hik/events')
    await page.screenshot({ path: '/tmp/e2e-check-phone-replace.png' })
    await ask.getByRole('button', { name: devicesText.confirm.no, exact: true }).tap()
    expect(await page.getByTestId('confirm').count()).toBe(0)
    expect(exit.state.httpHosts[0]?.ipAddress).toBe('192.168.1.2')
  })

  it('writes the address to every device, naming the one that is off', async () => {
    // the exit still sends to another system: "every device" names it and its address before replacing it
    await page.getByTestId('webhook-apply-all').tap()
    const ask = page.getByTestId('confirm')
    expect(await ask.getByTestId('webhook-replacing').textContent()).toContain('Chiqish eshigi')
    expect(await ask.textContent()).toContain('http://192.168.1.2:8088/hik/events')
    expect(await ask.textContent()).not.toContain('Asosiy kirish')
    await ask.getByTestId('confirm-yes').tap()
    const result = page.getByTestId('webhook-apply-result')
    await expect.poll(() => result.textContent()).toContain('Sport zali')
    expect(await result.textContent()).toContain('1 ta qurilmaga yozib boʻlmadi')
    await expect.poll(() => card(1).getByTestId('check-webhook').textContent()).toContain(text.webhookOk)
  })

  it('refreshes with the button and with a pull down from the top', async () => {
    const asked = () =>
      page.waitForResponse((response) => response.url().includes('/api/devices/status/stream?refresh=1'), {
        timeout: 10_000,
      })
    const byButton = asked()
    await page.getByTestId('check-refresh').tap()
    await byButton
    // every device's answer has streamed in: the page is ready for the next pull
    await expect.poll(() => page.getByTestId('check-refresh').isDisabled()).toBe(false)

    await gym.setOffline(false)
    await page.evaluate(() => window.scrollTo(0, 0))
    const cdp = await page.context().newCDPSession(page)
    const byPull = asked()
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 195, y: 240 }] })
    for (let y = 260; y <= 480; y += 40) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 195, y }] })
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    await byPull
    await expect.poll(() => card(2).getByTestId('check-online').textContent()).toContain(text.online)
    expect(await page.getByTestId('check-summary').textContent()).toContain(
      '3 ta qurilmadan 3 tasi ishlayapti',
    )
  })
  it('keeps the serial number, the zone and the addresses for an admin’s tablet, behind "More"', async () => {
    const context = await browser.newContext({ viewport: TABLET_PORTRAIT, hasTouch: true })
    const tablet = await context.newPage()
    await pairTablet(tablet, proxy)
    await tablet.goto(`${proxy.url}/check`)
    const gate = tablet.getByTestId(`check-card-${ids[0]}`)
    const more = gate.getByTestId('check-more')
    await more.waitFor()
    expect(await more.getAttribute('open')).toBeNull()
    expect(await more.locator('dd').first().isVisible()).toBe(false)
    await more.locator('summary').tap()
    await expect.poll(() => more.textContent()).toContain('DS-K1T342MWX20240528')
    expect(await more.textContent()).toMatch(/UTC\+5/)
    expect(await more.textContent()).toMatch(/\/webhook\/school-1\/in/)
    await tablet.screenshot({ path: '/tmp/e2e-check-tablet-more.png', fullPage: true })
    await context.close()
  })
})
