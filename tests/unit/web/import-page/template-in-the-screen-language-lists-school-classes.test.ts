// @vitest-environment happy-dom
import ExcelJS from 'exceljs'
import { describe, expect, it, vi } from 'vitest'
import { fakeFetch, HEALTHY, json } from '../fake-proxy'
import { appPerTest, catchDownloads } from '../screen-fixtures'

const saved = catchDownloads()
const mountApp = appPerTest()

async function downloadTemplate(locale: 'uz' | 'ru' | 'en', classes: () => Response) {
  const { fetch } = fakeFetch({ ...HEALTHY, 'GET /api/classes': classes })
  await mountApp('/import', { fetch, token: 'tok', role: 'admin', locale })
  await vi.waitFor(() => expect(document.querySelector('[data-testid="import-template"]')).not.toBeNull(), {
    timeout: 10_000,
  })
  ;(document.querySelector('[data-testid="import-template"]') as HTMLElement).click()
  await vi.waitFor(() => expect(saved.at(-1)?.name).toMatch(/\.xlsx$/), { timeout: 20_000 })
  const file = saved.at(-1)!
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await file.blob.arrayBuffer()) as ArrayBuffer)
  return { name: file.name, book }
}

describe('the class-list template from the Import page', () => {
  it("is in Russian on a Russian screen and has a sheet for each of the school's classes", async () => {
    const { name, book } = await downloadTemplate('ru', () =>
      json(200, [
        { id: 'c1', name: '1-А', gradeLevel: 1 },
        { id: 'c2', name: '2-Б', gradeLevel: 2 },
      ]),
    )
    expect(name).toBe('образец-списка-класса.xlsx')
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['1-А', '2-Б'])
    const sheet = book.worksheets[0]!
    expect(String(sheet.getCell('A1').value)).toContain('Каждый класс — отдельный лист')
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '№',
      'Фамилия',
      'Имя',
      'Отчество',
      'Пол',
      'Телефон',
      'Фото',
    ])
  }, 30_000)

  it('keeps the two example classes when the school server has no class list to give', async () => {
    const { name, book } = await downloadTemplate('en', () =>
      json(503, { error: { code: 'backend_unreachable', message: 'english' } }),
    )
    expect(name).toBe('class-list-template.xlsx')
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['5-A', '5-B'])
    expect(book.worksheets[0]!.getCell('B2').value).toBe('Last name')
  }, 30_000)
})
