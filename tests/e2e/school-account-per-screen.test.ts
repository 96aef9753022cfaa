import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import schoolSetupUz from '../../web/i18n/messages/school-setup/uz'
import { hasHorizontalScroll, PHONE } from './browser'
import { cameraTablet, portraitJpeg, startEnrollRig, type EnrollRig } from './enroll-rig'

// A teacher signs this tablet in to the school server with her own account on the Settings page; when the
// server ends her session, every page says so and how many reports wait, and signing in again sends them.
describe("the screen's own school-server account on a tablet", () => {
  let rig: EnrollRig
  let browser: Browser
  let page: Page

  const panel = () => page.getByTestId('school-account-panel')
  const signIn = async (password: string) => {
    await panel().getByTestId('school-account-email').fill(rig.backend.credentials.teacher.email)
    await panel().getByTestId('school-account-password').fill(password)
    await panel().getByTestId('school-account-sign-in').click()
  }
  const startsByTeacher = () =>
    rig.backend.state.logs.filter(
      (entry) => entry.eventType === 'PROVISIONING_START' && entry.actorRole === 'TEACHER',
    ).length

  beforeAll(async () => {
    rig = await startEnrollRig()
    ;({ browser, page } = await cameraTablet(rig))
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('says a wrong password plainly, then signs in as the teacher', async () => {
    await page.goto(`${rig.proxy!.url}/settings`)
    await expect.poll(() => panel().getAttribute('data-state')).toBe('none')
    await signIn('notogri-parol')
    await panel().getByText(schoolSetupUz.errors.backend_rejected_login_failed).waitFor()
    await signIn(rig.backend.credentials.teacher.password)
    await expect.poll(() => panel().getAttribute('data-state')).toBe('active')
    expect(await panel().getByTestId('school-account-who').textContent()).toContain(
      rig.backend.credentials.teacher.email,
    )
    // the password is gone from the page once sent
    expect(await page.content()).not.toContain(rig.backend.credentials.teacher.password)
  })

  it('shows on every page that the session ended and how many reports wait, and sends them after a new sign-in', async () => {
    rig.backend.expireTokens()
    const answer = await rig.proxy!.adminFetch('/api/registrations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: randomUUID(),
        student: {
          firstName: 'Malika',
          lastName: 'Kutilova',
          gender: 'female',
          classId: rig.school.classes[0]!.id,
        },
        face: (await portraitJpeg(5)).toString('base64'),
        deviceIds: rig.devices.map((device) => device.id),
      }),
    })
    expect(answer.status).toBe(201)

    const banner = page.getByTestId('school-account-banner')
    await expect
      .poll(
        async () => {
          await page.goto(`${rig.proxy!.url}/queue`)
          return banner.isVisible()
        },
        { timeout: 60_000 },
      )
      .toBe(true)
    expect(await banner.textContent()).toContain(schoolSetupUz.schoolAccount.bannerTitle)
    // the count the proxy holds for this screen, in the screen's words
    const view = (await (await rig.proxy!.adminFetch('/api/school-account')).json()) as { waiting: number }
    expect(view.waiting).toBeGreaterThan(0)
    expect(await banner.textContent()).toContain(
      schoolSetupUz.schoolAccount.ended.replace('{count}', String(view.waiting)),
    )
    await page.setViewportSize(PHONE)
    expect(await hasHorizontalScroll(page)).toBe(false)

    await banner.getByRole('link').click()
    await expect.poll(() => panel().getAttribute('data-state')).toBe('ended')
    const before = startsByTeacher()
    await signIn(rig.backend.credentials.teacher.password)
    await expect.poll(() => panel().getAttribute('data-state')).toBe('active')
    await expect.poll(startsByTeacher, { timeout: 60_000 }).toBe(before + 1)
    await page.getByTestId('nav-queue').click()
    expect(await banner.count()).toBe(0)
  })
})
