import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../shared/api/devices'
import { jobText } from '../../web/components/jobs/jobText'
import { startProxy, type RunningProxy } from '../helpers/proxy-process'
import { addDevice } from '../integration/check/rig'
import { startTerminal, type Terminal } from '../sim/terminal'
import { launchChromium, phonePage } from './browser'
import { pairTablet } from './enroll-rig'

/** Three people with a face on the old terminal, and one without: that one cannot be copied. */
const PEOPLE = [
  { employeeNo: '3001', name: 'Karimova Malika', withFace: true },
  { employeeNo: '3002', name: 'Gʻulomov Oʻtkir', withFace: true },
  { employeeNo: '3003', name: 'Rahimov Sardor', withFace: true },
  { employeeNo: '3004', name: 'Yoʻldosheva Mohinur', withFace: false },
]

// An admin on a Russian phone copies the old entrance terminal onto a new one and keeps the report.
describe("a copy job's report from a phone in Chromium", () => {
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
    await page.evaluate(() => localStorage.setItem('sr.locale', 'ru'))
  })

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all([source?.close(), target?.close()])
  })

  it('downloads in Russian: columns, outcomes and reasons in words, no codes', async () => {
    await page.goto(`${proxy.url}/devices`)
    const actions = page.getByTestId('clone-actions')
    await actions.locator('[data-field="target"]').selectOption(targetDevice.id)
    await actions.locator('[data-action="clone-device"]').click()
    await page.locator('[data-field="source"]').selectOption(sourceDevice.id)
    await page.getByTestId('capacity').waitFor()
    await page.locator('[data-action="start-job"]').click()
    const progress = page.getByTestId('job-progress')
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 45_000 }).toBe('done')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="job-report"]').click(),
    ])
    const text = jobText('ru')
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${text.reportFile}-[0-9a-f-]{8}\\.csv$`))
    const lines = readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    const columns = text.reportColumns
    expect(lines[0]).toBe(
      [columns.employeeNo, columns.studentId, columns.name, columns.outcome, columns.reason].join(','),
    )
    const byNumber = new Map(lines.slice(1).map((line) => [line.split(',')[0], line]))
    expect(byNumber.get('3001')).toBe(`3001,,Karimova Malika,${text.outcomes.done},`)
    // passed over for want of a photo: skipped, and said so, not "already there" and not an error
    expect(byNumber.get('3004')).toBe(`3004,,Yoʻldosheva Mohinur,${text.skippedNoPhoto},${text.noPhoto}`)
    expect(lines.join('\n')).not.toMatch(/\b(done|skipped|failed|image_invalid|no_photo)\b/)
  })
})
