import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { LOAD_TIMEOUT_MS } from '../../web/face/faceChecker'
import uz from '../../web/i18n/messages/uz'
import { hasHorizontalScroll, launchChromium, PHONE } from './browser'
import { pairTablet, portraitJpeg, startEnrollRig, type EnrollRig } from './enroll-rig'
import { fakeCameraArgs, takeCameraPhoto } from './fake-camera'

const TABLET = { width: 1024, height: 768 }

// The secretary works from the school's own list: finds a student, gives them a new photo with the tablet's
// camera, and puts them on the terminals from there. Chromium's fake camera stands in for the real one.
/**
 * A chosen photo waits for the face check, whose detector loads in a fresh worker on each Enroll page and
 * may take up to LOAD_TIMEOUT_MS on a busy machine before the app goes on without it.
 */
const PHOTO_WAIT_MS = LOAD_TIMEOUT_MS + 15_000

describe('the Students page', () => {
  let rig: EnrollRig
  let browser: Browser
  let context: BrowserContext
  let page: Page

  const cards = () => page.locator('[data-testid="students-list"] > li')
  const cardNames = () =>
    page.locator('[data-testid="students-list"] [data-testid="student-name"]').allTextContents()

  beforeAll(async () => {
    rig = await startEnrollRig()
    browser = await launchChromium({ args: await fakeCameraArgs() })
    context = await browser.newContext({ viewport: TABLET, hasTouch: true })
    await context.grantPermissions(['camera'], { origin: rig.proxy!.url })
    context.setDefaultTimeout(30_000)
    page = await context.newPage()
    await pairTablet(page, rig.proxy!)
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('lists the school’s students with their photos, fetched through the local server', async () => {
    await page.getByTestId('nav-students').click()
    await expect.poll(() => cards().count()).toBe(rig.school.students.length)
    expect(
      await page.getByText(uz.students.total.replace('{count}', String(rig.school.students.length))).count(),
    ).toBe(1)
    await expect
      .poll(() =>
        page
          .locator('[data-testid="student-photo"]')
          .evaluateAll((imgs) => imgs.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length),
      )
      .toBe(rig.school.students.length)
    await page.screenshot({ path: '/tmp/e2e-students-tablet.png', fullPage: true })
  })

  it('finds students by name and by class', async () => {
    const wanted = rig.school.students[2]!
    await page.getByTestId('students-search').fill(wanted.firstName)
    const matching = rig.school.students.filter((student) => student.name.includes(wanted.firstName))
    await expect.poll(() => cards().count()).toBe(matching.length)
    for (const name of await cardNames()) expect(name).toContain(wanted.firstName)
    await page.getByTestId('students-search').fill('')
    await expect.poll(() => cards().count()).toBe(rig.school.students.length)

    const klass = rig.school.classes[1]!
    await page.getByTestId('students-class').selectOption(klass.id)
    const inClass = rig.school.students.filter((student) => student.classId === klass.id)
    await expect.poll(() => cards().count()).toBe(inClass.length)
    const metas = await page.locator('[data-testid="students-list"] > li .row__class').allTextContents()
    for (const meta of metas) expect(meta).toContain(klass.name)
    await page.getByTestId('students-class').selectOption('')
    await expect.poll(() => cards().count()).toBe(rig.school.students.length)
  })

  it('takes a new photo with the camera and uploads it to the school server', async () => {
    const student = rig.school.students[0]!
    await page.getByTestId(`student-${student.id}`).getByTestId('student-open').click()
    await page.getByTestId('student-sheet').getByTestId('student-upload').click()
    const dialog = page.getByTestId('photo-upload')
    await dialog.locator('video').waitFor()
    await expect
      .poll(() => dialog.locator('video').evaluate((v) => (v as HTMLVideoElement).videoWidth))
      .toBeGreaterThan(0)
    await page.screenshot({ path: '/tmp/e2e-students-camera.png' })
    await takeCameraPhoto(dialog)
    // the camera is off while the photo is shown
    expect(await dialog.locator('video').count()).toBe(0)
    const before = rig.backend.calls.length
    await dialog.getByTestId('photo-upload-submit').click()
    await page.getByText(uz.students.uploaded).waitFor()
    const put = rig.backend.calls
      .slice(before)
      .find((call) => call.method === 'PUT' && call.path.endsWith(`/students/${student.id}`))
    expect(put).toBeDefined()
    expect(String((put!.body as { faceImageBase64?: string }).faceImageBase64 ?? '').length).toBeGreaterThan(
      1000,
    )
  })

  it('opens the Enroll page filled in with a student, and puts them on both terminals under their number', async () => {
    const student = rig.school.students[3]!
    await page.getByTestId(`student-${student.id}`).getByTestId('student-open').click()
    await page.getByTestId('student-sheet').getByTestId('student-enroll').click()
    await page.getByTestId('enroll-prefilled').waitFor()
    expect(await page.getByTestId('last-name').inputValue()).toBe(student.lastName)
    expect(await page.getByTestId('first-name').inputValue()).toBe(student.firstName)
    expect(await page.getByTestId('father-name').inputValue()).toBe(student.fatherName ?? '')
    const klass = rig.school.classes.find((item) => item.id === student.classId)!
    expect(await page.getByTestId('class-text').inputValue()).toBe(klass.name)

    await page
      .getByTestId('photo-file')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await portraitJpeg(11) })
    await page.getByTestId('photo-preview').waitFor({ timeout: PHOTO_WAIT_MS })
    await page.getByTestId(student.gender === 'FEMALE' ? 'gender-female' : 'gender-male').click()
    await page.getByTestId('enroll-submit').click()
    await expect
      .poll(() => page.getByTestId('enroll-progress').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('done')
    expect(await page.getByTestId('enroll-progress').textContent()).toContain(student.deviceStudentId!)
    for (const terminal of rig.terminals) {
      expect(terminal.state.users.get(student.deviceStudentId!)?.name).toBe(
        `${student.lastName} ${student.firstName} ${student.fatherName}`,
      )
    }
  })

  it('says plainly why the same student cannot be enrolled twice, and offers to update them instead', async () => {
    const student = rig.school.students[3]!
    await page.getByTestId('nav-students').click()
    await page.getByTestId(`student-${student.id}`).getByTestId('student-open').click()
    await page.getByTestId('student-sheet').getByTestId('student-enroll').click()
    await page.getByTestId('enroll-prefilled').waitFor()
    await page
      .getByTestId('photo-file')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await portraitJpeg(12) })
    await page.getByTestId('photo-preview').waitFor({ timeout: PHOTO_WAIT_MS })
    await page.getByTestId(student.gender === 'FEMALE' ? 'gender-female' : 'gender-male').click()
    await page.getByTestId('enroll-submit').click()
    await expect
      .poll(() => page.getByTestId('enroll-progress').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('failed')
    expect(await page.getByTestId('enroll-result-reason').textContent()).toBe(uz.progress.alreadyEnrolled)
    // a retry could only fail again: the way out is updating the student already there
    for (const id of ['enroll-update-student', 'enroll-edit', 'enroll-next'])
      expect(await page.getByTestId(id).count()).toBe(1)
    expect(await page.getByTestId('enroll-retry').count()).toBe(0)
    await page.screenshot({ path: '/tmp/e2e-enroll-tablet-failed.png', fullPage: true })
  })

  it('fits a phone', async () => {
    await page.setViewportSize(PHONE)
    await page.getByTestId('nav-students').click()
    await expect.poll(() => cards().count()).toBe(rig.school.students.length)
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: '/tmp/e2e-students-phone.png' })
  })
})
