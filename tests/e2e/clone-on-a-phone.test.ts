import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../shared/api/devices'
import { fill, jobText } from '../../web/components/jobs/jobText'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { addDevice } from '../integration/check/rig'
import { startTerminal, type Terminal } from '../sim/terminal'
import { hasHorizontalScroll, launchChromium, phonePage } from './browser'
import { pairTablet } from './enroll-rig'

const PEOPLE = ['Karimova Malika', 'Gʻulomov Oʻtkir', 'Yoʻldosheva Mohinur', 'Rahimov Sardor'].map(
  (name, index) => ({ employeeNo: String(3001 + index), name, withFace: true }),
)

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
    source = await startTerminal({ seedUsers: PEOPLE })
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
    await expect.poll(() => page.getByTestId('capacity').textContent()).toContain(String(PEOPLE.length))
    // the empty target's room, in the words the dialog uses
    const max = target.profile.maxUsers
    expect(await page.getByTestId('capacity').textContent()).toBe(
      fill(jobText('uz').room, { onDevice: 0, max, incoming: PEOPLE.length }),
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
  })
})
