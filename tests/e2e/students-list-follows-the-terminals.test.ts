import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { StudentRecord } from '../sim/backend/state'
import { SAMPLE_FACE_JPEG } from '../sim/terminal'
import { newUser, storeFace } from '../sim/terminal/state'
import type { Terminal } from '../sim/terminal'
import { cameraTablet, portraitJpeg, startEnrollRig, type EnrollRig } from './enroll-rig'

// What the Students page shows follows what the terminals hold, with no reload: after a copy job between
// terminals, after an edit and a removal from the sheet of a person the copy put there, and after a live
// check and its Fix. A student the school server refuses shows the server's reason on the result card
// and in the Queue.
describe('the Students list follows the terminals', () => {
  let rig: EnrollRig
  let browser: Browser
  let page: Page

  // copied from the old entrance (terminal 1) to the new one (terminal 2) by a copy job
  const copied = () => rig.school.students[3]!
  // on the new entrance only: a live check finds them missing on the old one
  const halfway = () => rig.school.students[4]!
  const number = (student: StudentRecord) => student.deviceStudentId!

  function seat(terminal: Terminal, student: StudentRecord): void {
    terminal.state.users.set(
      number(student),
      newUser(number(student), `${student.lastName} ${student.firstName}`),
    )
    storeFace(terminal.state, number(student), SAMPLE_FACE_JPEG)
  }

  async function showStudent(student: StudentRecord): Promise<void> {
    await page.getByTestId('nav-students').click()
    await page.getByTestId('students-search').fill(student.lastName)
    await page.getByTestId(`student-${student.id}`).waitFor()
  }

  const rowStates = (student: StudentRecord) =>
    page
      .getByTestId(`student-${student.id}`)
      .locator('[data-testid="terminal-states"] li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-state')))

  const outcome = () => page.getByTestId('change-outcome').getAttribute('data-state')

  beforeAll(async () => {
    rig = await startEnrollRig()
    seat(rig.terminals[0]!, copied())
    seat(rig.terminals[1]!, halfway())
    ;({ browser, page } = await cameraTablet(rig))
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('shows a person copied from the old entrance to the new one on both, without a reload', async () => {
    await page.getByTestId('nav-devices').click()
    const actions = page.getByTestId('clone-actions')
    await actions.locator('[data-field="target"]').selectOption(rig.devices[1]!.id)
    await actions.locator('[data-action="clone-device"]').click()
    await page.locator('[data-field="source"]').selectOption(rig.devices[0]!.id)
    await page.locator('[data-action="start-job"]').click()
    await expect
      .poll(() => page.getByTestId('job-progress').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('done')
    expect(rig.terminals[1]!.state.users.has(number(copied()))).toBe(true)
    await page.getByRole('dialog').locator('.sheet__close').click()

    await showStudent(copied())
    await expect.poll(() => rowStates(copied())).toEqual(['present', 'present'])
  })

  it('renames the copied person on both terminals from the sheet, then removes them from both', async () => {
    await page.getByTestId(`student-${copied().id}`).getByTestId('student-open').click()
    await page.getByTestId('student-sheet').waitFor()
    await page.getByTestId('student-edit-open').click()
    await page.getByTestId('edit-firstName').fill('Koʻchirilgan')
    await page.getByTestId('edit-save').click()
    await expect.poll(outcome, { timeout: 60_000 }).toBe('done')
    for (const terminal of rig.terminals)
      expect(terminal.state.users.get(number(copied()))?.name).toContain('Koʻchirilgan')

    await page.getByTestId('student-remove').click()
    await page.getByTestId('remove-yes').click()
    await expect.poll(outcome, { timeout: 60_000 }).toBe('done')
    for (const terminal of rig.terminals) expect(terminal.state.users.has(number(copied()))).toBe(false)
    await page.getByTestId('sheet-close').click()
    await expect.poll(() => rowStates(copied())).toEqual(['missing', 'missing'])
  })

  it('finds a student missing on one terminal with a live check, and Fix turns the row present', async () => {
    await showStudent(halfway())
    await page.getByTestId(`student-${halfway().id}`).getByTestId('student-open').click()
    await page.getByTestId('student-live-check').click()
    const check = page.getByTestId('live-check')
    await check.getByTestId('live-check-grid').waitFor()
    // the check itself is news: the row says what it found
    await expect.poll(() => rowStates(halfway())).toEqual(['missing', 'present'])

    await check.getByTestId('live-check-fix').click()
    await expect
      .poll(() => rig.terminals[0]!.state.faces.has(number(halfway())), { timeout: 60_000 })
      .toBe(true)
    await expect.poll(() => rowStates(halfway())).toEqual(['present', 'present'])
    await page.screenshot({ path: '/tmp/e2e-students-after-fix.png' })
  })

  it("shows the school server's refusal of a student already in that class, on the result card and in the Queue", async () => {
    const twin = rig.school.students[2]!
    const klass = rig.school.classes.find((item) => item.id === twin.classId)!
    await page.getByTestId('nav-enroll').click()
    await page.getByTestId('enroll-form').waitFor()
    for (const device of rig.devices) {
      const chip = page.getByTestId(`device-chip-${device.id}`)
      await chip.waitFor()
      if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click()
    }
    await page.getByTestId('photo-file').setInputFiles({
      name: 'twin.jpg',
      mimeType: 'image/jpeg',
      buffer: await portraitJpeg(11),
    })
    await page.getByTestId('photo-preview').waitFor()
    await page.getByTestId('last-name').fill(twin.lastName)
    await page.getByTestId('first-name').fill(twin.firstName)
    await page.getByTestId(twin.gender === 'FEMALE' ? 'gender-female' : 'gender-male').click()
    await page.getByTestId('class-text').fill(klass.name)
    // the form warns of the likely duplicate first; the secretary sends anyway
    await page.getByTestId('enroll-duplicate').waitFor()
    await page.getByTestId('enroll-submit').click()

    const card = page.getByTestId('enroll-progress')
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done')
    const onCard = card.getByTestId('school-refusal')
    await expect
      .poll(() => onCard.getAttribute('data-reason'), { timeout: 60_000 })
      .toBe('duplicate_in_class')
    const todo = (await onCard.getByTestId('school-refusal-todo').textContent())?.trim()
    expect(todo).toBeTruthy()
    await page.screenshot({ path: '/tmp/e2e-refusal-result-card.png' })

    await page.getByTestId('nav-queue').click()
    const inQueue = page.getByTestId('school-refusal').first()
    await expect.poll(() => inQueue.getAttribute('data-reason')).toBe('duplicate_in_class')
    expect((await inQueue.getByTestId('school-refusal-todo').textContent())?.trim()).toBe(todo)
  })
})
