import ExcelJS from 'exceljs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningProxy } from '../helpers/proxy-process'
import { addDevice, call, proxyFor } from '../integration/check/rig'
import { startBackend, type SimBackend } from '../sim/backend'
import { startTerminal, type Terminal } from '../sim/terminal'
import { launchChromium, PHONE } from './browser'
import { pairTablet, portraitJpeg, TABLET_PORTRAIT } from './enroll-rig'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A class list as a school keeps it: two good rows with photos, one without a first name. */
async function classWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('1-A')
  sheet.addRow(['#', 'Familiya', 'Ism', 'Otasining ismi', 'Jinsi', 'Telefon', 'Photo'])
  const rows = [
    ['Karimov', 'Aziz', 'Anvar', 'Erkak'],
    ['Aliyeva', 'Malika', 'Anvar', 'Ayol'],
    ['Toshmatov', '', 'Anvar', 'Erkak'],
  ]
  for (const [index, [lastName, firstName, fatherName, gender]] of rows.entries()) {
    const row = sheet.addRow([index + 1, lastName, firstName, fatherName, gender, '+998901234567', null])
    row.height = 60
    if (index === 2) continue
    const image = workbook.addImage({
      buffer: (await portraitJpeg(index)) as unknown as ExcelJS.Buffer,
      extension: 'jpeg',
    })
    sheet.addImage(image, { tl: { col: 6, row: row.number - 1 }, ext: { width: 45, height: 60 } })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The smallest target a fingertip hits reliably (Apple's and WCAG 2.5.5's 44 CSS px). */
const MIN = 44

/**
 * Every visible control on the screen smaller than a fingertip, named so a person can find it. A checkbox or
 * radio counts with its label, the part a finger taps. Left out: a link inside running text, a word of a
 * sentence whose line height cannot grow without breaking the paragraph (WCAG 2.5.8 exempts it too).
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll(
      'button, a[href], select, textarea, input, summary, [role="button"], [role="tab"], [role="switch"]',
    )
    const targets = new Set<Element>()
    for (const el of controls) {
      if (el instanceof HTMLInputElement) {
        if (el.type === 'hidden') continue
        if (['checkbox', 'radio', 'file'].includes(el.type)) {
          const label =
            el.closest('label') ??
            (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null)
          targets.add(label ?? el)
          continue
        }
      }
      targets.add(el)
    }
    const inRunningText = (el: Element): boolean =>
      el.tagName === 'A' &&
      !el.classList.contains('btn') &&
      [...(el.parentElement?.childNodes ?? [])].some(
        (node) => node !== el && node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      )
    const found: string[] = []
    for (const el of targets) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      if (getComputedStyle(el).visibility === 'hidden' || el.closest('[inert]')) continue
      if (inRunningText(el)) continue
      if (box.width + 0.5 >= min && box.height + 0.5 >= min) continue
      const name =
        el.getAttribute('data-testid') ??
        el.getAttribute('data-action') ??
        el.getAttribute('aria-label') ??
        (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      found.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`)
    }
    return found
  }, MIN)
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await expect.poll(() => page.locator('[aria-busy="true"], .spinner').count(), { timeout: 30_000 }).toBe(0)
}

// An admin's phone and an upright tablet, with a school's data: every page, and the sheets and dialogs that
// open from them, measured control by control.
describe('every control is big enough for a fingertip', () => {
  let backend: SimBackend
  let proxy: RunningProxy
  let terminals: Terminal[] = []
  let browser: Browser
  let deviceId = ''
  let studentId = ''
  let className = ''
  let workbook: Buffer

  beforeAll(async () => {
    backend = await startBackend()
    await backend.seedSchool({ classes: 2, students: 6, withPhotos: true, devices: 0 })
    proxy = await proxyFor(backend)
    terminals = await Promise.all([
      startTerminal({ model: 'ds-k1t341am', seedUsers: 3, clockDriftSec: -95 }),
      startTerminal({ seedUsers: 1 }),
    ])
    deviceId = (await addDevice(proxy, terminals[0]!, 'Asosiy kirish', 'in')).id
    await addDevice(proxy, terminals[1]!, 'Orqa eshik', 'out')
    const students = await call<{ students: { id: string }[] }>(proxy, 'GET', '/api/students?limit=50')
    studentId = students.body.students[0]?.id ?? ''
    const classes = await call<{ name: string }[]>(proxy, 'GET', '/api/classes')
    className = classes.body[0]?.name ?? ''
    workbook = await classWorkbook()
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await proxy?.stop()
    await Promise.all([...terminals.map((t) => t.close()), backend?.close()])
  })

  /** Opens a page, then each of its sheets in turn, and lists what is too small on each. */
  async function walk(page: Page): Promise<string[]> {
    const found: string[] = []
    const at = async (where: string, open?: (page: Page) => Promise<void>) => {
      await page.goto(`${proxy.url}${where.split(' ')[0]}`)
      await page.locator('h1').first().waitFor()
      await settle(page)
      if (open) {
        await open(page)
        await settle(page)
      }
      for (const small of await smallTargets(page)) found.push(`${where}: ${small}`)
    }
    await at('/')
    await at('/queue')
    await at('/devices')
    await at('/devices add', (p) => p.locator('[data-action="add-device"]').click())
    await at('/devices edit', (p) => p.locator('[data-action="edit"]').first().click())
    await at('/devices search', (p) => p.locator('[data-action="search-network"]').click())
    await at('/devices users', async (p) => {
      await p.locator('[data-action="users"]').first().click()
      await p.getByRole('dialog').waitFor()
    })
    await at('/devices school-link', (p) => p.locator('[data-action="school-link"]').first().click())
    await at('/devices remove', (p) => p.locator('[data-action="remove"]').first().click())
    await at('/devices copy', async (p) => {
      await p.locator('[data-action="clone-device"]').click()
      await p.getByRole('dialog').waitFor()
    })
    await at('/students')
    const openSheet = async (p: Page) => {
      await p.getByTestId(`student-${studentId}`).getByTestId('student-open').click()
      await p.getByTestId('student-sheet').waitFor()
    }
    await at('/students sheet', openSheet)
    for (const action of ['student-edit-open', 'student-upload', 'student-remove'])
      await at(`/students sheet ${action}`, async (p) => {
        await openSheet(p)
        await p.getByTestId(action).click()
      })
    await at('/students sheet live check', async (p) => {
      await openSheet(p)
      await p.getByTestId('student-live-check').click()
      await p.getByTestId('live-check').waitFor()
    })
    await at('/students class live check', async (p) => {
      await p.getByTestId('students-class').selectOption({ index: 1 })
      await p.getByTestId('live-check-class').click()
      await p.getByTestId('live-check').waitFor()
    })
    await at('/students not in school', (p) => p.getByTestId('not-in-school-open').click())
    await at('/check')
    await at('/check more', (p) => p.locator('[data-testid="check-more"] summary').first().click())
    await at('/settings')
    await at('/audit')
    await at('/audit server', (p) => p.getByTestId('audit-tab-server').click())
    await at('/import')
    await at('/import file problem', async (p) => {
      await p.getByTestId('import-file').setInputFiles({
        name: 'royxat.xlsx',
        mimeType: XLSX,
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      })
      await p.getByTestId('import-read').click()
      await p.getByTestId('import-file-problem').waitFor()
    })
    const readWorkbook = async (p: Page) => {
      await p.getByTestId('import-file').setInputFiles({ name: '1-A.xlsx', mimeType: XLSX, buffer: workbook })
      await p.getByTestId('import-read').click()
      await p.getByTestId('import-mapping').waitFor({ timeout: 60_000 })
    }
    await at('/import mapping', readWorkbook)
    await at('/import preview', async (p) => {
      await readWorkbook(p)
      await p.getByTestId('import-class-select').selectOption({ index: 1 })
      await p.getByTestId('import-mapping-next').click()
      await p.getByTestId('import-count-bad').waitFor()
    })
    await at(`/devices/${deviceId}/settings`)
    await at(`/devices/${deviceId}/import`)
    await at(`/devices/${deviceId}/import checked`, async (p) => {
      await p.locator('[data-field="class-for-all"]').selectOption({ index: 1 })
      await p.locator('[data-action="preview"]').click()
      await p.locator('[data-action="commit"]:not([disabled])').waitFor()
    })
    for (const small of await queueWithDrafts(page)) found.push(small)
    await at('/queue with drafts')
    return found
  }

  /**
   * Two drafts the queue keeps: one the proxy refused (it waits for a person: retry, edit, delete) and one
   * it could not reach (it waits for the proxy: send now, and the "check now" of the connection).
   */
  async function queueWithDrafts(page: Page): Promise<string[]> {
    const found: string[] = []
    let answered = 0
    await page.route('**/api/registrations', async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      answered += 1
      if (answered > 1) return route.abort('connectionrefused')
      await route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'validation_failed', message: 'lastName is too long', field: 'lastName' },
        }),
      })
    })
    await page.goto(`${proxy.url}/`)
    for (const [seed, lastName] of ['Karimov', 'Aliyev'].entries()) {
      await page.getByTestId('photo-file').setInputFiles({
        name: `student-${seed}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await portraitJpeg(seed),
      })
      await page.getByTestId('photo-preview').waitFor()
      await page.getByTestId('last-name').fill(lastName)
      await page.getByTestId('first-name').fill('Aziz')
      await page.getByTestId('gender-male').click()
      await page.getByTestId('class-text').fill(className)
      await page.getByTestId('enroll-submit').click()
      // the first is refused, the second finds no proxy: each result screen is measured once it says so
      await expect.poll(() => answered).toBeGreaterThan(seed)
      const state = seed === 0 ? 'failed' : 'waiting'
      const result = page.getByTestId('enroll-progress')
      await expect.poll(() => result.getAttribute('data-state')).toBe(state)
      await settle(page)
      const where = `/ result ${state}`
      for (const small of await smallTargets(page)) found.push(`${where}: ${small}`)
      await page.getByTestId('enroll-next').click()
      await page.getByTestId('enroll-form').waitFor()
    }
    await page.goto(`${proxy.url}/queue`)
    await expect
      .poll(() =>
        page
          .locator('[data-testid="queue-list"] > li')
          .evaluateAll((items) => items.map((li) => li.getAttribute('data-state')).sort()),
      )
      .toEqual(['failed', 'waiting'])
    return found
  }

  async function screen(viewport: { width: number; height: number }, phone: boolean): Promise<Page> {
    const context: BrowserContext = await browser.newContext({
      viewport,
      hasTouch: true,
      isMobile: phone,
    })
    context.setDefaultTimeout(30_000)
    const page = await context.newPage()
    await pairTablet(page, proxy)
    return page
  }

  it('on a 390×844 phone', async () => {
    const page = await screen(PHONE, true)
    expect(await walk(page)).toEqual([])
  }, 300_000)

  it('on an 800×1280 tablet', async () => {
    const page = await screen(TABLET_PORTRAIT, false)
    expect(await walk(page)).toEqual([])
  }, 300_000)
})
