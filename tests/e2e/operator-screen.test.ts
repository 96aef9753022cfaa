import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import uz from '../../web/i18n/messages/uz'
import { launchChromium } from './browser'
import { pairTablet, portraitJpeg, startEnrollRig, type EnrollRig } from './enroll-rig'
import { qrDataUrl } from '../../web/pairing/pairingLink'

const TABLET = { width: 1024, height: 768 }

// The head teacher's tablet (admin) pairs a teacher's tablet as an operator: the teacher sees no device
// changes, no screens list, and still enrolls a student onto a terminal.
describe('a screen paired as operator', () => {
  let rig: EnrollRig
  let browser: Browser
  let admin: Page
  let operator: Page
  let link = ''

  beforeAll(async () => {
    rig = await startEnrollRig()
    browser = await launchChromium()
    const adminContext = await browser.newContext({ viewport: TABLET })
    adminContext.setDefaultTimeout(30_000)
    admin = await adminContext.newPage()
    await pairTablet(admin, rig.proxy!)
    // a separate context: its own storage, as a second tablet would have
    const operatorContext = await browser.newContext({ viewport: TABLET })
    operatorContext.setDefaultTimeout(30_000)
    operator = await operatorContext.newPage()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('gets its code from the admin, whose QR and text say it will be an operator', async () => {
    await admin.getByTestId('nav-settings').click()
    const panel = admin.getByTestId('pair-another-panel')
    await panel.getByTestId('pair-role').selectOption('operator')
    await panel.getByTestId('pair-create').click()
    await expect.poll(() => panel.getByTestId('issued-role').textContent()).toBe(uz.access.pairAs.operator)
    link = (await panel.getByTestId('issued-link').textContent()) ?? ''
    expect(link).toMatch(/\?pair=\d+&role=operator$/)
    // the QR is the SVG the encoder makes of exactly the link shown (the same encoder, run here in Node)
    expect(await panel.locator('img.issued__qr').getAttribute('src')).toBe(await qrDataUrl(link))
  })

  it('pairs by opening the link, and knows it is an operator', async () => {
    // the link names the proxy's LAN address; this test stays on loopback, so it keeps only path and query
    const { pathname, search } = new URL(link)
    await operator.goto(`${rig.proxy!.url}${pathname}${search}`)
    await expect
      .poll(() => operator.getByTestId('paired-role').textContent())
      .toContain(`„${uz.roles.operator}“`)
    expect(new URL(operator.url()).search).toBe('')
    const saved = await operator.evaluate(() => JSON.parse(localStorage.getItem('sr.session') ?? '{}'))
    expect(saved.role).toBe('operator')
    expect(await operator.getByTestId('tokens-panel').count()).toBe(0)
    expect(await operator.getByTestId('pair-another-panel').count()).toBe(0)

    await admin.reload()
    await expect
      .poll(() => admin.getByTestId('tokens-panel').locator('li').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining(uz.roles.operator)]))
  })

  it('sees the devices but cannot add, change, remove, clone or configure them', async () => {
    await operator.getByTestId('nav-devices').click()
    await expect.poll(() => operator.locator('[data-action="users"]').count()).toBe(rig.devices.length)
    for (const action of ['add-device', 'edit', 'remove', 'clone-db', 'clone-device', 'settings'])
      expect(await operator.locator(`[data-action="${action}"]`).count(), action).toBe(0)
    await operator.getByText(uz.devicesPage.operatorNote).waitFor()
    await operator.screenshot({ path: '/tmp/e2e-operator-devices.png', fullPage: true })
  })

  it('has no menu entry for admin pages, and opening one’s address politely says who may', async () => {
    expect(await admin.getByTestId('nav-audit').count()).toBe(1)
    expect(await operator.getByTestId('nav-audit').count()).toBe(0)
    await operator.goto(`${rig.proxy!.url}/audit`)
    const page = operator.getByTestId('not-allowed')
    await page.getByText(uz.access.notAllowed.title).waitFor()
    expect(await page.textContent()).toContain(uz.access.notAllowed.body)
    await operator.screenshot({ path: '/tmp/e2e-operator-not-allowed.png' })
    await page.getByTestId('not-allowed-home').click()
    await operator.getByTestId('nav-enroll').waitFor()
    expect(new URL(operator.url()).pathname).toBe('/')
  })

  it('is refused by the proxy too, whatever the page shows', async () => {
    const answer = await operator.evaluate(async (deviceId) => {
      const { token } = JSON.parse(localStorage.getItem('sr.session') ?? '{}')
      const response = await fetch(`/api/devices/${deviceId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      })
      return { status: response.status, body: await response.json() }
    }, rig.devices[0]!.id)
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } })
  })

  it('still enrolls a student onto a terminal', async () => {
    const student = rig.school.students[1]!
    await operator.getByTestId('nav-students').click()
    await operator.getByTestId(`student-${student.id}`).getByTestId('student-open').click()
    await operator.getByTestId('student-sheet').getByTestId('student-enroll').click()
    await operator.getByTestId('enroll-prefilled').waitFor()
    await operator
      .getByTestId('photo-file')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await portraitJpeg(21) })
    await operator.getByTestId('photo-preview').waitFor()
    await operator.getByTestId(student.gender === 'FEMALE' ? 'gender-female' : 'gender-male').click()
    await operator.getByTestId('enroll-submit').click()
    await expect
      .poll(() => operator.getByTestId('enroll-progress').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('done')
    const enrolledOn = rig.terminals.filter((terminal) => terminal.state.users.has(student.deviceStudentId!))
    expect(enrolledOn.length).toBeGreaterThanOrEqual(1)
    expect(enrolledOn[0]!.state.faces.has(student.deviceStudentId!)).toBe(true)
  })

  it('is told the administrator disconnected it once the admin revokes it', async () => {
    await admin.getByTestId('nav-settings').click()
    const row = admin.getByTestId('tokens-panel').locator('li', { hasText: uz.roles.operator })
    await row.locator('[data-action="revoke"]').click()
    await admin.getByTestId('confirm-yes').click()
    await row.getByText(uz.settings.tokens.revokedBadge).waitFor()

    await operator.getByTestId('nav-devices').click()
    await operator
      .getByTestId('pairing-banner')
      .getByText(uz.settings.pairing.revoked)
      .waitFor({ timeout: 30_000 })
    const saved = await operator.evaluate(() => JSON.parse(localStorage.getItem('sr.session') ?? '{}'))
    expect(saved.token).toBeNull()
  })
})
