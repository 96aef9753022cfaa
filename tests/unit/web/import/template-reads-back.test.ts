import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { makeTemplate, TEMPLATE_HEADER, TEMPLATE_NOTE } from '../../../../web/import/template'
import { parseWorkbook } from '../../../../web/import/parseWorkbook'

describe('our template', () => {
  it('has a class per sheet, a note row, the Uzbek header, widths, and reads back as two example students', async () => {
    const blob = await makeTemplate()
    const bytes = new Uint8Array(await blob.arrayBuffer())
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')

    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['5-A', '5-B'])
    const sheet = book.getWorksheet('5-A') as ExcelJS.Worksheet
    expect(sheet.getCell('A1').value).toBe(TEMPLATE_NOTE)
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(TEMPLATE_HEADER)
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(15)

    const parsed = await parseWorkbook(bytes)
    expect(parsed.problems).toEqual([])
    expect(parsed.rows.map((row) => [row.classLabel, row.rowNumber, row.lastName, row.gender])).toEqual([
      ['5-A', 3, 'Karimov', 'male'],
      ['5-B', 3, 'Toʻxtayeva', 'female'],
    ])
  }, 30_000)
})
