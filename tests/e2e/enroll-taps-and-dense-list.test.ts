import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { SeedResult } from '../sim/backend'
import { hasHorizontalScroll, PHONE } from './browser'
import { cameraTablet, startEnrollRig, TABLET_PORTRAIT, type EnrollRig } from './enroll-rig'
import { fakeCameraArgs, takeCameraPhoto } from './fake-camera'

// A secretary enrolls a class in a row on a tablet in portrait: the camera is live, the cursor is in the
// surname, the gender comes from the father's name, the class stays; every tap is counted (typing is not).
describe('enrolling a class in a row on a tablet', () => {
  let rig: EnrollRig
  let browser: Browser
  let page: Page
  let bigClass: SeedResult
  let taps = 0

  /** A tap on the screen, counted. */
  async function tap(target: Locator): Promise<void> {
    taps += 1
    await target.click()
  }
  /**
   * The photo: a tap on the shutter, unless the face check took it by itself after a steady second first
   * (then no tap was needed, and none is counted).
   */
  async function photo(): Promise<void> {
    if (await takeCameraPhoto(page)) taps += 1
  }
  /** The class typed like the names: one tap puts the cursor in the field. */
  async function typeClass(name: string): Promise<void> {
    await tap(page.getByTestId('class-text'))
    await page.keyboard.type(name)
  }

  const liveVideo = () =>
    page
      .getByTestId('camera-capture')
      .locator('video')
      .evaluate((video) => (video as HTMLVideoElement).videoWidth)
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))

  async function typeStudent(lastName: string, firstName: string, fatherName: string): Promise<void> {
    // the cursor is already in the surname: the secretary just types
    await page.keyboard.type(lastName)
    await page.keyboard.press('Tab')
    await page.keyboard.type(firstName)
    await page.keyboard.press('Tab')
    await page.keyboard.type(fatherName)
  }

  async function waitForDone(): Promise<void> {
    await expect
      .poll(() => page.getByTestId('enroll-progress').getAttribute('data-state'), { timeout: 45_000 })
      .toBe('done')
  }

  beforeAll(async () => {
    rig = await startEnrollRig()
    bigClass = await rig.backend.seedSchool({ classes: 1, students: 30, withPhotos: false })
    // the camera shows a real face: the face check opens the shutter only for one
    ;({ browser, page } = await cameraTablet(rig, await fakeCameraArgs()))
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('opens with the camera live and the cursor in the surname, without a tap', async () => {
    await page.getByTestId('enroll-form').waitFor()
    await expect.poll(liveVideo).toBeGreaterThan(0)
    await expect.poll(focused).toBe('last-name')
    await expect.poll(() => page.locator('#enroll-class-list option').count()).toBeGreaterThan(0)
  })

  // 1-B and 1-C: the class of 30 seeded beside them is another 1-A
  const klass = () => rig.school.classes[1]!

  it('enrolls the first student of a class this tablet never used in 3 taps: photo, class field, send', async () => {
    taps = 0
    await typeStudent('Nurmatov', 'Sanjar', 'Rustamovich')
    expect(await page.getByTestId('gender-male').getAttribute('aria-checked')).toBe('true')
    await photo()
    // typed as the secretary says it, not as the school writes it
    await typeClass(klass().name.toLowerCase().replace('-', ''))
    await tap(page.getByTestId('enroll-submit'))
    await waitForDone()
    expect(taps).toBeLessThanOrEqual(3)
  })

  it('enrolls the next student of the same class in 2 taps: class and camera are ready', async () => {
    await page.getByTestId('enroll-next').click()
    await page.getByTestId('enroll-form').waitFor()
    expect(await page.getByTestId('class-text').inputValue()).toBe(klass().name)
    expect(await page.getByTestId(`recent-class-${klass().id}`).getAttribute('aria-pressed')).toBe('true')
    await expect.poll(liveVideo).toBeGreaterThan(0)
    await expect.poll(focused).toBe('last-name')

    taps = 0
    await typeStudent('Nurmatova', 'Lola', 'Karim qizi')
    expect(await page.getByTestId('gender-female').getAttribute('aria-checked')).toBe('true')
    await photo()
    await tap(page.getByTestId('enroll-submit'))
    await waitForDone()
    expect(taps).toBeLessThanOrEqual(2)
  })

  it('enrolls a student of another class used before in 3 taps: photo, recent class, send', async () => {
    // the tablet learns a second class the long way, then comes back to the first
    await page.getByTestId('enroll-next').click()
    await page.getByTestId('enroll-form').waitFor()
    await typeStudent('Xolmatov', 'Anvar', 'Ilhomovich')
    await photo()
    await page.getByTestId('class-text').fill(rig.school.classes[2]!.name)
    await page.getByTestId('enroll-submit').click()
    await waitForDone()
    await page.getByTestId('enroll-next').click()
    await page.getByTestId('enroll-form').waitFor()

    taps = 0
    await typeStudent('Xolmatova', 'Zuhra', 'Ilhomovna')
    await photo()
    await tap(page.getByTestId(`recent-class-${klass().id}`))
    await tap(page.getByTestId('enroll-submit'))
    await waitForDone()
    expect(taps).toBeLessThanOrEqual(3)
    await page.screenshot({ path: '/tmp/e2e-enroll-taps-done.png' })

    const names = [...rig.terminals[0]!.state.users.values()].map((user) => user.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'Nurmatov Sanjar Rustamovich',
        'Nurmatova Lola Karim qizi',
        'Xolmatova Zuhra Ilhomovna',
      ]),
    )
    const provisioned = rig.backend.calls.filter((call) => call.path.endsWith('/students/provision'))
    const genders = provisioned.map((call) => (call.body as { student: { gender: string } }).student.gender)
    expect(genders).toEqual(['male', 'female', 'male', 'female'])
    const classIds = provisioned.map(
      (call) => (call.body as { student: { classId: string } }).student.classId,
    )
    expect(classIds).toEqual([klass().id, klass().id, rig.school.classes[2]!.id, klass().id])
  })

  it('shows a class of 30 in at most two screens of the upright tablet', async () => {
    await page.getByTestId('nav-students').click()
    await page.getByTestId('students-class').selectOption(bigClass.classes[0]!.id)
    const rows = page.locator('[data-testid="students-list"] > li')
    await expect.poll(() => rows.count()).toBe(30)
    const bottom = await rows.nth(29).evaluate((row) => row.getBoundingClientRect().bottom + window.scrollY)
    expect(bottom).toBeLessThanOrEqual(2 * TABLET_PORTRAIT.height)
    const heights = await rows.evaluateAll((items) =>
      items.map((item) => item.getBoundingClientRect().height),
    )
    for (const height of heights) expect(height).toBeGreaterThanOrEqual(44)
    await page.screenshot({ path: '/tmp/e2e-students-dense-tablet.png' })
  })

  it('fits the dense list on a phone', async () => {
    await page.setViewportSize(PHONE)
    const rows = page.locator('[data-testid="students-list"] > li')
    await expect.poll(() => rows.count()).toBe(30)
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: '/tmp/e2e-students-dense-phone.png' })
  })
})
