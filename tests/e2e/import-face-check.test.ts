// Imported photos go through the same face check as the camera: each row of the preview says what the check
// found and shows the crop around the face that the terminals will get.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from './browser'
import { pairTablet, startEnrollRig, type EnrollRig } from './enroll-rig'
import { FACE_FIXTURES } from './face-check-rig'

const ROWS = [
  { lastName: 'Karimova', photo: 'one-person.jpg', expected: 'none' },
  { lastName: 'Rahimova', photo: 'two-people.jpg', expected: 'manyFaces' },
  { lastName: 'Tursunova', photo: 'wall.jpg', expected: 'noFace' },
  { lastName: 'Aliyeva', photo: 'one-person-dark.jpg', expected: 'dark' },
]

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('1A')
  sheet.addRow(['#', 'Familiya', 'Ism', 'Otasining ismi', 'Jinsi', 'Telefon', 'Photo'])
  for (const [index, row] of ROWS.entries()) {
    const excelRow = sheet.addRow([index + 1, row.lastName, 'Dilnoza', 'Anvar', 'Ayol', '', null])
    excelRow.height = 60
    const buffer = readFileSync(join(FACE_FIXTURES, row.photo))
    const image = book.addImage({ buffer: buffer as unknown as ExcelJS.Buffer, extension: 'jpeg' })
    sheet.addImage(image, { tl: { col: 6, row: excelRow.number - 1 }, ext: { width: 45, height: 60 } })
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('the face check on an imported class list', () => {
  let rig: EnrollRig
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    rig = await startEnrollRig()
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true })
    context.setDefaultTimeout(30_000)
    page = await context.newPage()
    await pairTablet(page, rig.proxy!)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await rig?.close()
  })

  it('shows per row what the check found, with the crop around the face as the thumbnail', async () => {
    await page.goto(`${rig.proxy!.url}/import`)
    await page.getByTestId('import-file').setInputFiles({
      name: '1-sinf.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(),
    })
    await page.getByTestId('import-read').click()
    await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 })
    await page.getByTestId('import-class-select').selectOption(rig.school.classes[0]!.id)
    await page.getByTestId('import-mapping-next').click()

    const verdicts = () =>
      page
        .locator('[data-testid="import-row"]')
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.querySelector('h3')?.textContent?.split(' ')[0],
            row.querySelector('[data-testid="import-face"]')?.getAttribute('data-problem') ?? null,
          ]),
        )
    await expect.poll(verdicts, { timeout: 60_000 }).toEqual(ROWS.map((row) => [row.lastName, row.expected]))
    const first = page.locator('[data-testid="import-row"]').first().getByTestId('import-thumb')
    expect(await first.getAttribute('data-crop')).toBe('face')
    await expect.poll(() => first.evaluate((img) => (img as HTMLImageElement).naturalHeight)).toBe(128)
    await page.screenshot({ path: '/tmp/e2e-import-face-check.png', fullPage: true })
  })
})
