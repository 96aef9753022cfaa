import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { newUser, storeFace } from '../sim/terminal/state'
import { SAMPLE_FACE_JPEG } from '../sim/terminal'
import { hasHorizontalScroll, PHONE } from './browser'
import { cameraTablet, startEnrollRig, type EnrollRig } from './enroll-rig'
import { fakeCameraArgs, takeCameraPhoto } from './fake-camera'

// A student who was on both terminals before the local server existed (the old desktop app put them there)
// is renamed, given a new face and removed from the Students page's sheet; the simulators hold the proof.
describe('the student sheet on the terminals', () => {
  let rig: EnrollRig
  let browser: Browser
  let page: Page

  const student = () => rig.school.students[5]!
  const users = () => rig.terminals.map((terminal) => terminal.state.users.get(student().deviceStudentId!))
  const faces = () =>
    rig.terminals.map((terminal) => terminal.state.faces.get(student().deviceStudentId!)?.jpeg ?? null)

  async function openSheet(): Promise<void> {
    await page.getByTestId('nav-students').click()
    await page.getByTestId('students-search').fill(student().lastName)
    await page.getByTestId(`student-${student().id}`).getByTestId('student-open').click()
    await page.getByTestId('student-sheet').waitFor()
  }

  beforeAll(async () => {
    rig = await startEnrollRig()
    for (const terminal of rig.terminals) {
      const number = student().deviceStudentId!
      terminal.state.users.set(number, newUser(number, `${student().lastName} ${student().firstName}`))
      storeFace(terminal.state, number, SAMPLE_FACE_JPEG)
    }
    // the camera shows a real face, which the face check passes (a test pattern it would rightly refuse)
    ;({ browser, page } = await cameraTablet(rig, await fakeCameraArgs()))
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('renames a person the local server never enrolled, on both terminals', async () => {
    await openSheet()
    await page.getByTestId('student-edit-open').click()
    await page.getByTestId('edit-firstName').fill('Yangiism')
    await page.getByTestId('edit-save').click()
    await expect
      .poll(() => page.getByTestId('change-outcome').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('done')
    for (const user of users()) expect(user?.name).toContain('Yangiism')
    await expect
      .poll(() =>
        rig.backend.calls.some(
          (call) => call.method === 'PUT' && call.path.endsWith(`/students/${student().id}`),
        ),
      )
      .toBe(true)
    await page.screenshot({ path: '/tmp/e2e-sheet-renamed-tablet.png' })
  })

  it('gives them a new face through the camera, the same bytes on both terminals', async () => {
    const before = faces()
    const callsBefore = rig.backend.calls.length
    await page.getByTestId('student-new-face').click()
    const edit = page.getByTestId('student-edit')
    await takeCameraPhoto(edit)
    await page.getByTestId('edit-save').click()
    await expect
      .poll(() => page.getByTestId('change-outcome').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('done')
    const after = faces()
    for (const [index, jpeg] of after.entries()) {
      expect(jpeg).not.toBeNull()
      expect(jpeg!.equals(before[index]!)).toBe(false)
    }
    expect(after[0]!.equals(after[1]!)).toBe(true)
    // and the school server gets the new face as the student's photo
    await expect
      .poll(() =>
        rig.backend.calls
          .slice(callsBefore)
          .some(
            (call) =>
              call.method === 'PUT' &&
              call.path.endsWith(`/students/${student().id}`) &&
              String((call.body as { faceImageBase64?: string }).faceImageBase64 ?? '').length > 1000,
          ),
      )
      .toBe(true)
  })

  it('fits a phone, and removes them from every terminal after one confirmation', async () => {
    await page.setViewportSize(PHONE)
    await page.reload()
    await openSheet()
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.getByTestId('student-remove').click()
    await page.getByTestId('remove-yes').click()
    await expect
      .poll(() => page.getByTestId('change-outcome').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('done')
    expect(users()).toEqual([undefined, undefined])
    await page.screenshot({ path: '/tmp/e2e-sheet-removed-phone.png' })
    // the row shows the new state without a reload
    await page.getByTestId('sheet-close').click()
    const row = page.getByTestId(`student-${student().id}`)
    await expect
      .poll(() =>
        row
          .locator('[data-testid="terminal-states"] li')
          .evaluateAll((li) => li.map((l) => l.getAttribute('data-state'))),
      )
      .toEqual(['missing', 'missing'])
  })
})
