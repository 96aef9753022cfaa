import type { Locale } from '../../web/i18n'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import importEn from '../../web/i18n/messages/import/en'
import importUz from '../../web/i18n/messages/import/uz'
import { launchChromium, PHONE } from './browser'
import { startEnrollRig, type EnrollRig, pairTablet } from './enroll-rig'

/** A tablet held upright. */
const TABLET_PORTRAIT = { width: 800, height: 1280 }

// The secretary takes the empty class-list template from the Import page: in her language, with a sheet for
// each of the school's own classes as its server lists them.
describe('the class-list template in Chromium', () => {
  let rig: EnrollRig
  let browser: Browser

  beforeAll(async () => {
    rig = await startEnrollRig()
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  async function template(viewport: { width: number; height: number }, locale: Locale) {
    const context = await browser.newContext({ viewport, hasTouch: true, acceptDownloads: true })
    context.setDefaultTimeout(30_000)
    const page: Page = await context.newPage()
    const proxy = rig.proxy!
    await pairTablet(page, proxy, locale)
    await page.goto(`${proxy.url}/import`)
    // the page has the school's class list (it keeps it for offline use the moment it has it)
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('sr.classes')), { timeout: 30_000 })
      .not.toBeNull()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template').click(),
    ])
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer)
    await context.close()
    return { name: download.suggestedFilename(), book }
  }

  const schoolClasses = () => rig.school.classes.map((klass) => klass.name).sort()

  it('is in English on an English tablet, with a sheet per class of the school', async () => {
    const { name, book } = await template(TABLET_PORTRAIT, 'en')
    const words = importEn.classImport.template
    expect(name).toBe(`${words.fileName}.xlsx`)
    expect(book.worksheets.map((sheet) => sheet.name).sort()).toEqual(schoolClasses())
    const sheet = book.worksheets[0]!
    expect(sheet.getCell('A1').value).toBe(words.note)
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      words.number,
      words.lastName,
      words.firstName,
      words.fatherName,
      words.gender,
      words.phone,
      words.photo,
    ])
  })

  it('is in Uzbek on an Uzbek phone', async () => {
    const { name, book } = await template(PHONE, 'uz')
    const words = importUz.classImport.template
    expect(name).toBe(`${words.fileName}.xlsx`)
    expect(book.worksheets.map((sheet) => sheet.name).sort()).toEqual(schoolClasses())
    expect(book.worksheets[0]!.getCell('B2').value).toBe(words.lastName)
  })
})
