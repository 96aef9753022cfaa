// A school's class list goes in as it is: a workbook in the predecessor's format (one sheet per class, the
// header `# | Familiya | Ism | Otasining ismi | Jinsi | Telefon | Photo`, a photo placed on each row) is
// read in the browser, mapped to a class, previewed, queued, and sent by the queue onto both terminals.
import ExcelJS from 'exceljs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import importUz from '../../web/i18n/messages/import/uz'
import { hasHorizontalScroll, launchChromium, PHONE } from './browser'
import { pairTablet, portraitJpeg, startEnrollRig, type EnrollRig } from './enroll-rig'

const TABLET = { width: 1024, height: 768 }
const SHEET = '1A'
const SURNAMES = ['Oʻrinboyev', 'Gʻulomov', 'Toʻxtayev', 'Qoʻchqorov', 'Ne’matov', 'Yoʻldoshev']
const NAMES = ['Sardor', 'Jasur', 'Bekzod', 'Ulugʻbek', 'Shoʻxrat']
const STUDENTS = Array.from({ length: 30 }, (_, i) => {
  const female = i % 2 === 1
  const surname = SURNAMES[i % SURNAMES.length]!
  return {
    lastName: female ? `${surname}a` : surname,
    firstName: female ? `${NAMES[Math.floor(i / 6)]!}a` : NAMES[Math.floor(i / 6)]!,
    fatherName: 'Anvar',
    gender: female ? 'Ayol' : 'Erkak',
    phone: `+99890${String(2_000_000 + i)}`,
  }
})

/** The workbook a school keeps: header row, one student a row, each photo anchored on its student's row. */
async function predecessorWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(SHEET)
  sheet.addRow(['#', 'Familiya', 'Ism', 'Otasining ismi', 'Jinsi', 'Telefon', 'Photo'])
  for (const [index, student] of STUDENTS.entries()) {
    const excelRow = sheet.addRow([
      index + 1,
      student.lastName,
      student.firstName,
      student.fatherName,
      student.gender,
      student.phone,
      null,
    ])
    excelRow.height = 60
    const face = await sharp(await portraitJpeg(index))
      .resize(480, 640)
      .jpeg({ quality: 85 })
      .toBuffer()
    const image = workbook.addImage({ buffer: face as unknown as ExcelJS.Buffer, extension: 'jpeg' })
    sheet.addImage(image, { tl: { col: 6, row: excelRow.number - 1 }, ext: { width: 45, height: 60 } })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

describe('importing a class list from Excel into the queue', () => {
  let rig: EnrollRig
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let workbook: Buffer

  const byTest = (id: string) => page.getByTestId(id)
  const queueStates = () =>
    page
      .locator('[data-testid="queue-list"] > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-state')))

  beforeAll(async () => {
    rig = await startEnrollRig()
    workbook = await predecessorWorkbook()
    browser = await launchChromium()
    context = await browser.newContext({ viewport: TABLET, hasTouch: true })
    context.setDefaultTimeout(30_000)
    page = await context.newPage()
    page.on('pageerror', (error) => console.error('page error:', error.message))
    await pairTablet(page, rig.proxy!)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('a renamed PDF gets one clear message, queues nothing, and another file can be chosen', async () => {
    await page.goto(`${rig.proxy!.url}/queue`)
    await byTest('import-entry').click()
    await page.waitForURL(`${rig.proxy!.url}/import`)
    await byTest('import-file').setInputFiles({
      name: 'sinf-royxati.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n'),
    })
    await byTest('import-read').click()
    await byTest('import-file-problem').waitFor()
    expect(await byTest('import-file-problem').textContent()).toContain(
      importUz.classImport.fileProblem.codes.not_a_spreadsheet,
    )
    await page.setViewportSize(PHONE)
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: '/tmp/e2e-import-phone-bad-file.png', fullPage: true })
    await page.setViewportSize(TABLET)
    await byTest('import-choose-another').click()
    await byTest('import-file').waitFor({ state: 'attached' })
  })

  it('reads the 30-row workbook with its photos, maps the sheet to a class, and previews 30 good rows', async () => {
    const klass = rig.school.classes[0]!
    await byTest('import-file').setInputFiles({
      name: '1-sinf.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    })
    await byTest('import-read').click()
    await byTest('import-mapping').waitFor({ timeout: 60_000 })
    await byTest('import-class-select').selectOption(klass.id)
    await byTest('import-mapping-next').click()
    await expect
      .poll(() => byTest('import-count-good').textContent(), { timeout: 30_000 })
      .toBe(importUz.classImport.preview.good.replace('{count}', '30'))
    expect(await byTest('import-count-bad').textContent()).toBe(
      importUz.classImport.preview.bad.replace('{count}', '0'),
    )
    // every row shows its own photo (the thumbnails below the fold load as they scroll into view)
    const thumbs = page.locator('[data-testid="import-thumb"]')
    expect(await thumbs.evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src))).toHaveLength(
      30,
    )
    await thumbs.last().scrollIntoViewIfNeeded()
    await expect
      .poll(() => thumbs.last().evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0)
    for (const device of rig.devices) {
      expect(await byTest(`device-chip-${device.id}`).getAttribute('aria-pressed')).toBe('true')
    }
    await page.screenshot({ path: '/tmp/e2e-import-tablet-preview.png', fullPage: true })
    await page.setViewportSize(PHONE)
    expect(await hasHorizontalScroll(page)).toBe(false)
    await page.screenshot({ path: '/tmp/e2e-import-phone-preview.png' })
    await page.setViewportSize(TABLET)
  })

  it('queues the 30 good rows and the queue sends every one onto both terminals', async () => {
    await byTest('import-submit').click()
    await page.waitForURL(`${rig.proxy!.url}/queue`)
    await expect
      .poll(queueStates, { timeout: 240_000, interval: 1_000 })
      .toEqual(Array.from({ length: 30 }, () => 'done'))
    await page.screenshot({ path: '/tmp/e2e-import-queue-done.png' })

    // the terminals show the full name, father's name included
    const expected = STUDENTS.map((s) => `${s.lastName} ${s.firstName} ${s.fatherName}`).sort()
    for (const terminal of rig.terminals) {
      expect([...terminal.state.users.values()].map((user) => user.name).sort()).toEqual(expected)
      expect(terminal.state.faces.size).toBe(30)
    }
    const klass = rig.school.classes[0]!
    // the proxy reports each student to the school server through its outbox, a little after the devices
    const seeded = new Set(rig.school.students.map((student) => student.id))
    const added = () => [...rig.backend.state.students.values()].filter((student) => !seeded.has(student.id))
    await expect.poll(() => added().length, { timeout: 60_000, interval: 500 }).toBe(30)
    expect(added().every((s) => s.classId === klass.id && s.fatherName === 'Anvar')).toBe(true)
    const women = new Set(STUDENTS.filter((s) => s.gender === 'Ayol').map((s) => s.lastName + s.firstName))
    expect(
      added()
        .filter((s) => s.gender === 'FEMALE')
        .map((s) => s.lastName + s.firstName)
        .sort(),
    ).toEqual([...women].sort())
  }, 300_000)

  it('keeps the import report, downloadable as CSV', async () => {
    await byTest('import-entry').click()
    await byTest('import-last-report').waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), byTest('import-report').click()])
    const path = await download.path()
    const { readFileSync } = await import('node:fs')
    const csv = readFileSync(path, 'utf8')
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines).toHaveLength(31)
    expect(lines.slice(1).every((line) => line.includes(importUz.classImport.report.imported))).toBe(true)
    // the phone numbers start with "+": Excel must not read them as formulas
    expect(lines[1]).toContain(`,'${STUDENTS[0]!.phone},`)
  })
})
