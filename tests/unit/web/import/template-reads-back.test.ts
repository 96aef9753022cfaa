import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { makeTemplate, sheetNames, type TemplateWords } from '../../../../web/import/template'
import { parseWorkbook } from '../../../../web/import/parseWorkbook'
import importEn from '../../../../web/i18n/messages/import/en'
import importRu from '../../../../web/i18n/messages/import/ru'
import importUz from '../../../../web/i18n/messages/import/uz'

type TemplateMessages = typeof importUz.classImport.template
const COLUMNS = ['number', 'lastName', 'firstName', 'fatherName', 'gender', 'phone', 'photo'] as const

/** The words the Import page hands over, from a language's file. */
function words(messages: TemplateMessages): TemplateWords {
  return {
    note: messages.note,
    header: COLUMNS.map((column) => messages[column]),
    male: messages.male,
    female: messages.female,
  }
}

async function open(blob: Blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return { bytes, book }
}

describe('our template', () => {
  it('has a class per sheet, a note row, the Uzbek header, widths, and reads back as two example students', async () => {
    const uz = words(importUz.classImport.template)
    const blob = await makeTemplate(uz)
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const { bytes, book } = await open(blob)
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['5-A', '5-B'])
    const sheet = book.getWorksheet('5-A') as ExcelJS.Worksheet
    expect(sheet.getCell('A1').value).toBe(uz.note)
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '#',
      'Familiya',
      'Ism',
      'Otasining ismi',
      'Jinsi',
      'Telefon',
      'Rasm',
    ])
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(15)

    const parsed = await parseWorkbook(bytes)
    expect(parsed.problems).toEqual([])
    expect(parsed.rows.map((row) => [row.classLabel, row.rowNumber, row.lastName, row.gender])).toEqual([
      ['5-A', 3, 'Karimov', 'male'],
      ['5-B', 3, 'Toʻxtayeva', 'female'],
    ])
  }, 30_000)

  it('speaks Russian or English when the screen does, and still reads back', async () => {
    for (const [messages, header, female] of [
      [importRu.classImport.template, 'Фамилия', 'Женский'],
      [importEn.classImport.template, 'Last name', 'Female'],
    ] as const) {
      const { bytes, book } = await open(await makeTemplate(words(messages)))
      const sheet = book.getWorksheet('5-B') as ExcelJS.Worksheet
      expect(sheet.getCell('A1').value).toBe(messages.note)
      expect(sheet.getCell('B2').value).toBe(header)
      expect(sheet.getCell('E3').value).toBe(female)
      expect(sheet.getCell('E4').dataValidation.formulae).toEqual([`"${messages.male},${female}"`])
      const parsed = await parseWorkbook(bytes)
      expect(parsed.problems).toEqual([])
      expect(parsed.rows.map((row) => [row.classLabel, row.firstName, row.gender])).toEqual([
        ['5-A', 'Aziz', 'male'],
        ['5-B', 'Gulnoza', 'female'],
      ])
    }
  }, 30_000)

  it("lists the school's own classes, one sheet each, with one example row in all", async () => {
    const classes = ['1-A', '1-B', '11 "Fizika-matematika" / ixtisoslashgan sinf']
    const { bytes, book } = await open(await makeTemplate(words(importUz.classImport.template), classes))
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      '1-A',
      '1-B',
      '11 "Fizika-matematika" - ixtiso',
    ])
    const parsed = await parseWorkbook(bytes)
    expect(parsed.rows.map((row) => [row.classLabel, row.lastName])).toEqual([['1-A', 'Karimov']])
  }, 30_000)

  it('names sheets as Excel allows: no forbidden characters, 31 at most, each once', () => {
    expect(sheetNames(['5-A', '5-a', '7:B', '[8]', '', "'9-V'", 'x'.repeat(40)])).toEqual([
      '5-A',
      '7-B',
      '-8-',
      '9-V',
      'x'.repeat(31),
    ])
  })
})
