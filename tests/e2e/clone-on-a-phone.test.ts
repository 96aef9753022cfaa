import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../shared/api/devices'
import { fill, jobText } from '../../web/components/jobs/jobText'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { addDevice } from '../integration/check/rig'
import { startTerminal, type Terminal } from '../sim/terminal'
import { hasHorizontalScroll, launchChromium, phonePage } from './browser'
import { pairTablet, TABLET_PORTRAIT } from './enroll-rig'

const PEOPLE = ['Karimova Malika', 'Gʻulomov Oʻtkir', 'Yoʻldosheva Mohinur', 'Rahimov Sardor'].map(
  (name, index) => ({ employeeNo: String(3001 + index), name, withFace: true }),
)
/** on the old terminal without a face: nothing to copy, and nothing wrong */
const FACELESS = { employeeNo: '3009', name: 'Yuzsiz Bola', withFace: false }
const text = jobText('uz')

// An admin copies the people of the old entrance terminal onto a new one from a phone, and watches it go.
describe('a device → device copy on a phone in Chromium', () => {
  let proxy: RunningProxy
  let source: Terminal
  let target: Terminal
  let browser: Browser
  let page: Page
  let sourceDevice: Device
  let targetDevice: Device

  beforeAll(async () => {
    source = await startTerminal({ seedUsers: [...PEOPLE, FACELESS] })
    target = await startTerminal()
    proxy = await startProxy({ tls: 'off' })
    sourceDevice = await addDevice(proxy, source, 'Eski kirish')
    targetDevice = await addDevice(proxy, target, 'Yangi kirish')
    browser = await launchChromium()
    page = await phonePage(browser)
    await pairTablet(page, proxy)
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all([source?.close(), target?.close()])
  })

  it('checks the room on the target before it starts, and fits the screen', async () => {
    await page.goto(`${proxy.url}/devices`)
    const actions = page.getByTestId('clone-actions')
    await actions.locator('[data-field="target"]').selectOption(targetDevice.id)
    await actions.locator('[data-action="clone-device"]').click()
    await page.locator('[data-field="source"]').selectOption(sourceDevice.id)
    const incoming = PEOPLE.length + 1
    await expect.poll(() => page.getByTestId('capacity').textContent()).toContain(String(incoming))
    // the empty target's room, in the words the dialog uses
    const max = target.profile.maxUsers
    expect(await page.getByTestId('capacity').textContent()).toBe(
      fill(text.room, { onDevice: 0, max, incoming }),
    )
    expect(await hasHorizontalScroll(page)).toBe(false)
  })

  it('copies every person with a face, with the progress on screen until it is done', async () => {
    await page.locator('[data-action="start-job"]').click()
    const progress = page.getByTestId('job-progress')
    await progress.waitFor()
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 30_000 }).toBe('done')
    expect(await hasHorizontalScroll(page)).toBe(false)
    expect([...target.state.users.values()].map((user) => user.name).sort()).toEqual(
      PEOPLE.map((person) => person.name).sort(),
    )
    for (const person of PEOPLE) expect(target.state.faces.has(person.employeeNo)).toBe(true)
    // the one without a photo is passed over and named, not counted as an error
    expect(await progress.locator('[data-count="done"]').textContent()).toBe(String(PEOPLE.length))
    expect(await progress.locator('[data-count="no-photo"]').textContent()).toBe('1')
    expect(await progress.locator('[data-count="failed"]').textContent()).toBe('0')
    expect(await progress.textContent()).toContain(text.skippedNoPhoto)
    expect(await progress.getByTestId('job-no-photo').textContent()).toContain(FACELESS.name)
    expect(target.state.users.has(FACELESS.employeeNo)).toBe(false)
  })

  it('keeps the finished copy and its report on the Devices page after the sheet is closed', async () => {
    await page.getByRole('dialog').locator('.sheet__close').click()
    await page.reload()
    const recent = page.getByTestId('recent-job').first()
    await expect.poll(() => recent.textContent()).toContain(targetDevice.name)
    expect(await recent.textContent()).toContain(text.states.done)
    await recent.locator('[data-action="open-job"]').click()
    const progress = page.getByTestId('job-progress')
    await expect.poll(() => progress.getAttribute('data-state')).toBe('done')
    const download = page.waitForEvent('download')
    await progress.locator('[data-action="job-report"]').click()
    const csv = await (await download).path()
    expect(csv).toBeTruthy()
    expect(await hasHorizontalScroll(page)).toBe(false)
  })

  it('shows the finished copy on an upright tablet too', async () => {
    const context = await browser.newContext({ viewport: TABLET_PORTRAIT, hasTouch: true })
    const tablet = await context.newPage()
    await pairTablet(tablet, proxy)
    await tablet.goto(`${proxy.url}/devices`)
    const recent = tablet.getByTestId('recent-job').first()
    await expect.poll(() => recent.textContent()).toContain(targetDevice.name)
    await recent.locator('[data-action="open-job"]').tap()
    await expect.poll(() => tablet.getByTestId('job-progress').getAttribute('data-state')).toBe('done')
    await tablet.screenshot({ path: '/tmp/e2e-clone-recent-tablet.png' })
    await context.close()
  })
})
