import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import uz from '../../web/i18n/messages/uz'
import {
  controlledByServiceWorker,
  hasHorizontalScroll,
  launchChromium,
  PHONE,
  serviceWorkerReady,
} from './browser'
import { pairTablet, portraitJpeg, startEnrollRig, type EnrollRig } from './enroll-rig'

const TABLET = { width: 1024, height: 768 }
// the second one is corrected in the queue before anything goes out
const STUDENTS = [
  { lastName: 'Oʻrinboyeva', firstName: 'Gʻuncha', gender: 'female' },
  { lastName: 'Toshmatov', firstName: 'Shoʻxrat', gender: 'male' },
  { lastName: 'Karimov', firstName: 'Aziz', gender: 'male' },
]
const CORRECTED_FIRST_NAME = 'Shohruh'

// Enrollment day with the local server down: three students are photographed and typed in, the tablet is
// reloaded, and when the server comes back the queue goes out by itself, onto both terminals, once each.
describe('enrolling while the local server is down', () => {
  let rig: EnrollRig
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let origin: string

  const state = (selector: string) => page.locator(selector).getAttribute('data-state')
  async function fillForm(student: { lastName: string; firstName: string; gender: string }, seed: number) {
    await page.getByTestId('photo-file').setInputFiles({
      name: `student-${seed}.jpg`,
      mimeType: 'image/jpeg',
      buffer: await portraitJpeg(seed),
    })
    await page.getByTestId('photo-preview').waitFor()
    await page.getByTestId('last-name').fill(student.lastName)
    await page.getByTestId('first-name').fill(student.firstName)
    await page.getByTestId(`gender-${student.gender}`).click()
    await page.getByTestId('class-text').fill(rig.school.classes[seed % rig.school.classes.length]!.name)
  }

  const queueStates = () =>
    page
      .locator('[data-testid="queue-list"] > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-state')))

  beforeAll(async () => {
    rig = await startEnrollRig()
    origin = rig.proxy!.url
    browser = await launchChromium()
    context = await browser.newContext({ viewport: TABLET, hasTouch: true })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('a paired tablet learns the devices and classes while the server is up', async () => {
    await pairTablet(page, rig.proxy!)
    await page.getByTestId('enroll-form').waitFor()
    await page.getByTestId(`device-chip-${rig.devices[1]!.id}`).waitFor()
    await expect.poll(() => page.locator('#enroll-class-list option').count()).toBe(rig.school.classes.length)
    expect(await serviceWorkerReady(page)).toBe(`${origin}/sw.js`)
  })

  it('opens from the service worker with the server stopped, and says it is offline', async () => {
    await rig.stopProxy()
    const response = await page.reload()
    expect(response?.fromServiceWorker()).toBe(true)
    expect(await controlledByServiceWorker(page)).toBe(true)
    await expect.poll(() => state('header [data-state]')).toBe('offline')
    await page.getByTestId('enroll-form').waitFor()
  })

  it('saves three students with photos as drafts, each at once, and says they wait for the server', async () => {
    for (const [index, student] of STUDENTS.entries()) {
      await fillForm(student, index)
      for (const device of rig.devices) {
        expect(await page.getByTestId(`device-chip-${device.id}`).getAttribute('aria-pressed')).toBe('true')
      }
      if (index === 0) await page.screenshot({ path: '/tmp/e2e-enroll-tablet-form.png' })
      await page.getByTestId('enroll-submit').click()

      await expect.poll(() => state('[data-testid="enroll-progress"]')).toBe('waiting')
      await expect
        .poll(() => page.getByTestId('enroll-result-title').textContent())
        .toBe(uz.progress.waitingTitle.replace('{name}', `${student.lastName} ${student.firstName}`))
      expect(await page.getByTestId('enroll-progress').textContent()).toContain(uz.progress.waitingOffline)
      if (index === 2) await page.screenshot({ path: '/tmp/e2e-enroll-tablet-waiting.png', fullPage: true })
      await page.getByTestId('enroll-next').click()
      await page.getByTestId('enroll-form').waitFor()
      expect(await page.getByTestId('last-name').inputValue()).toBe('')
    }
  })

  it('lets a waiting draft be corrected from the queue, photo and all kept', async () => {
    await page.getByTestId('nav-queue').click()
    await expect.poll(queueStates).toEqual(['waiting', 'waiting', 'waiting'])
    await page.locator('[data-testid="queue-list"] > li').nth(1).getByTestId('draft-edit').click()
    await page.getByTestId('enroll-form').waitFor()
    expect(await page.getByTestId('first-name').inputValue()).toBe(STUDENTS[1]!.firstName)
    expect(await page.getByTestId('photo-preview').count()).toBe(1)
    expect(await page.getByTestId('enroll-submit').textContent()).toContain(uz.enroll.saveChanges)
    await page.getByTestId('first-name').fill(CORRECTED_FIRST_NAME)
    STUDENTS[1]!.firstName = CORRECTED_FIRST_NAME
    await page.getByTestId('enroll-submit').click()
    await page.waitForURL(`${origin}/queue`)
    await expect
      .poll(() => page.locator('[data-testid="queue-list"] h3').allTextContents())
      .toEqual(STUDENTS.map((s) => `${s.lastName} ${s.firstName}`))
  })

  it('still has the three drafts after a reload, with their photos, waiting in the order they were made', async () => {
    await page.reload()
    await expect.poll(queueStates).toEqual(['waiting', 'waiting', 'waiting'])
    const names = await page.locator('[data-testid="queue-list"] h3').allTextContents()
    expect(names).toEqual(STUDENTS.map((s) => `${s.lastName} ${s.firstName}`))
    await expect
      .poll(() =>
        page
          .locator('[data-testid="draft-thumb"]')
          .evaluateAll((imgs) => imgs.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length),
      )
      .toBe(3)
    // the 1500 × 2000 photos were made smaller on the tablet before they were kept: 960 × 1280
    const sides = () =>
      page
        .locator('[data-testid="draft-thumb"]')
        .evaluateAll((imgs) =>
          imgs.map((img) => [
            (img as HTMLImageElement).naturalWidth,
            (img as HTMLImageElement).naturalHeight,
          ]),
        )
    await expect.poll(sides).toEqual([
      [960, 1280],
      [960, 1280],
      [960, 1280],
    ])
    expect(await page.getByTestId('queue-quota').textContent()).toMatch(/MB|GB/)
    // the sender tries the stopped server now and then, so a draft may be "sending" for a moment
    await expect
      .poll(() => page.getByTestId('queue-counts').textContent())
      .toContain(`3${uz.draftStatus.waiting}`)
    await page.screenshot({ path: '/tmp/e2e-queue-tablet-waiting.png', fullPage: true })
  })

  it('sends them by itself once the server is back: every student on both terminals', async () => {
    await rig.startProxy()
    await expect.poll(queueStates, { timeout: 75_000, interval: 500 }).toEqual(['done', 'done', 'done'])
    await page.screenshot({ path: '/tmp/e2e-queue-tablet-done.png', fullPage: true })

    for (const terminal of rig.terminals) {
      const names = [...terminal.state.users.values()].map((user) => user.name).sort()
      expect(names).toEqual(STUDENTS.map((s) => `${s.lastName} ${s.firstName}`).sort())
      expect(terminal.state.faces.size).toBe(3)
    }
  }, 90_000)

  it('the school server got each student and each device result once', async () => {
    const proxy = rig.proxy!
    await expect
      .poll(
        async () => {
          const outbox = (await (await proxy.adminFetch('/api/outbox')).json()) as {
            pending: unknown[]
            delivered: number
          }
          return outbox.pending.length === 0 && outbox.delivered > 0
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true)
    const provisions = rig.backend.calls.filter(
      (call) => call.method === 'POST' && call.path.endsWith('/students/provision'),
    )
    const keys = provisions.map((call) => call.headers['idempotency-key'])
    expect(provisions).toHaveLength(3)
    expect(new Set(keys).size).toBe(3)
    const results = rig.backend.calls.filter(
      (call) => call.method === 'POST' && call.path.endsWith('/device-result'),
    )
    expect(results).toHaveLength(3 * rig.devices.length)
    expect(new Set(results.map((call) => call.headers['idempotency-key'])).size).toBe(results.length)
    const seeded = new Set(rig.school.students.map((student) => student.id))
    const added = [...rig.backend.state.students.values()].filter((student) => !seeded.has(student.id))
    expect(added.map((s) => `${s.lastName} ${s.firstName}`).sort()).toEqual(
      STUDENTS.map((s) => `${s.lastName} ${s.firstName}`).sort(),
    )
    expect(added.every((student) => student.photoUrl !== null)).toBe(true)
  })

  it('enrolls the next student at once now that the server is up, and shows it written on both terminals', async () => {
    await page.getByTestId('nav-enroll').click()
    await page.getByTestId('enroll-form').waitFor()
    await fillForm({ lastName: 'Yoʻldosheva', firstName: 'Mohinur', gender: 'female' }, 7)
    await page.getByTestId('enroll-submit').click()
    await expect.poll(() => state('[data-testid="enroll-progress"]'), { timeout: 30_000 }).toBe('done')
    expect(await page.getByTestId('enroll-result-title').textContent()).toBe(
      uz.progress.doneTitle.replace('{name}', 'Yoʻldosheva Mohinur'),
    )
    const rows = page.locator('[data-testid="device-progress"] > li')
    expect(await rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-state')))).toEqual([
      'SUCCESS',
      'SUCCESS',
    ])
    for (const terminal of rig.terminals) {
      expect([...terminal.state.users.values()].map((user) => user.name)).toContain('Yoʻldosheva Mohinur')
    }
    await page.screenshot({ path: '/tmp/e2e-enroll-tablet-done.png', fullPage: true })
  })

  it('a reload in the middle of writing does not write the student twice', async () => {
    // slow writes, so the page is surely seen in the middle of writing
    const SLOW_OPS = ['default', 'userRecord', 'faceRecord'] as const
    for (const terminal of rig.terminals) for (const op of SLOW_OPS) terminal.setLatency(op, 1500)
    await page.getByTestId('enroll-next').click()
    await page.getByTestId('enroll-form').waitFor()
    await fillForm({ lastName: 'Qodirov', firstName: 'Ulugʻbek', gender: 'male' }, 9)
    await page.getByTestId('enroll-submit').click()
    await expect.poll(() => state('[data-testid="enroll-progress"]'), { interval: 25 }).toBe('sending')
    await page.screenshot({ path: '/tmp/e2e-enroll-tablet-sending.png' })
    await page.reload()
    // the same clientId again: the proxy answers with the first request's result instead of writing again
    await expect.poll(() => state('[data-testid="enroll-progress"]'), { timeout: 30_000 }).toBe('done')
    for (const terminal of rig.terminals) {
      for (const op of SLOW_OPS) terminal.setLatency(op, 0)
      const named = [...terminal.state.users.values()].filter((user) => user.name === 'Qodirov Ulugʻbek')
      expect(named).toHaveLength(1)
    }
  })

  it('fits a phone: the result, the form and the queue, with nothing sticking out sideways', async () => {
    await page.setViewportSize(PHONE)
    await page.screenshot({ path: '/tmp/e2e-enroll-phone-done.png', fullPage: true })
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.getByTestId('enroll-next').click()
    await page.getByTestId('enroll-form').waitFor()
    await page.getByTestId('enroll-submit').click()
    await page.getByTestId('enroll-errors').waitFor()
    await page.screenshot({ path: '/tmp/e2e-enroll-phone-form-errors.png', fullPage: true })
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.getByTestId('nav-queue').click()
    await expect.poll(queueStates).toEqual(['done', 'done', 'done', 'done', 'done'])
    await page.screenshot({ path: '/tmp/e2e-queue-phone.png', fullPage: true })
    expect(await hasHorizontalScroll(page)).toBe(false)
  })
})
