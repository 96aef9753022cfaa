import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import uz from '../../web/i18n/messages/uz'
import { SAMPLE_FACE_JPEG, type Terminal } from '../sim/terminal'
import { launchChromium, TABLET } from './browser'
import { pairTablet, startEnrollRig, type EnrollRig } from './enroll-rig'

/** Puts school students on a simulated terminal as if enrolled earlier: the person and a face. */
function enrolledOn(terminal: Terminal, students: Array<{ deviceStudentId: string | null; name: string }>) {
  for (const student of students) {
    const employeeNo = student.deviceStudentId as string
    terminal.state.users.set(employeeNo, {
      employeeNo,
      name: student.name,
      userType: 'normal',
      gender: 'unknown',
      valid: {
        enable: true,
        beginTime: '2020-01-01T00:00:00',
        endTime: '2037-12-31T23:59:59',
        timeType: 'local',
      },
      doorRight: '1',
      rightPlan: [{ doorNo: 1, planTemplateNo: '1' }],
      localUIRight: false,
    })
    terminal.state.faces.set(employeeNo, {
      fpid: employeeNo,
      jpeg: SAMPLE_FACE_JPEG,
      pictureNo: terminal.state.nextPictureNo++,
    })
  }
}

// The secretary asks "is this class really on both doors?": the grid shows the one student the second
// terminal lacks, and one press of Fix puts them there.
describe('live check of a class in the browser', () => {
  let rig: EnrollRig
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    rig = await startEnrollRig()
    const klass = rig.school.classes[0]!
    const inClass = rig.school.students.filter((s) => s.classId === klass.id)
    const [first, second] = rig.terminals as [Terminal, Terminal]
    enrolledOn(first, inClass)
    enrolledOn(second, inClass.slice(1))
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: TABLET })
    context.setDefaultTimeout(30_000)
    page = await context.newPage()
    await pairTablet(page, rig.proxy!)
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('shows the student missing on one terminal, and Fix turns the cell PRESENT', async () => {
    const klass = rig.school.classes[0]!
    const inClass = rig.school.students.filter((s) => s.classId === klass.id)
    const missing = inClass[0]!
    const secondId = rig.devices[1]!.id
    const cell = (employeeNo: string, deviceId: string) =>
      page.locator(`tr[data-employee-no="${employeeNo}"] td[data-device="${deviceId}"]`)

    await page.getByTestId('nav-students').click()
    await page.getByTestId('students-class').selectOption(klass.id)
    await page.getByTestId('live-check-class').click()
    const grid = page.getByTestId('live-check-grid')
    await grid.waitFor()
    await expect.poll(() => grid.locator('tbody tr').count(), { timeout: 30_000 }).toBe(inClass.length)

    const missingCell = cell(missing.deviceStudentId!, secondId)
    await expect
      .poll(() => missingCell.locator('[data-state]').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('ABSENT')
    expect(await missingCell.textContent()).toContain(uz.liveCheck.state.ABSENT)
    expect(await grid.locator('[data-state="ABSENT"]').count()).toBe(1)
    expect(await grid.locator('[data-state="PRESENT"]').count()).toBe(inClass.length * 2 - 1)
    await page.screenshot({ path: '/tmp/e2e-live-check-before.png', fullPage: true })

    await missingCell.getByTestId('live-check-fix').click()
    await expect
      .poll(() => missingCell.locator('[data-state]').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('PRESENT')
    expect(await missingCell.textContent()).toContain(uz.liveCheck.state.PRESENT)
    const second = rig.terminals[1]!
    expect(second.state.users.get(missing.deviceStudentId!)?.name).toBe(
      `${missing.lastName} ${missing.firstName} ${missing.fatherName}`,
    )
    expect(second.state.faces.has(missing.deviceStudentId!)).toBe(true)
    expect(await grid.getByTestId('live-check-fix-all').count()).toBe(0)
    await page.screenshot({ path: '/tmp/e2e-live-check-after.png', fullPage: true })
  })
})
