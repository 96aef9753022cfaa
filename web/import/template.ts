import { loadExcel } from './excel'

/** The template's words in the reader's language (the class-list reader knows all three back). */
export interface TemplateWords {
  note: string
  /** #, last name, first name, father's name, gender, phone, photo */
  header: readonly string[]
  male: string
  female: string
}

/** Sheets of a template made without the school's class list. */
export const EXAMPLE_SHEETS = ['5-A', '5-B']
const EXAMPLES: Array<(words: TemplateWords) => string[]> = [
  (w) => ['1', 'Karimov', 'Aziz', 'Rustamovich', w.male, '+998901234567', ''],
  (w) => ['1', 'Toʻxtayeva', 'Gulnoza', 'Shavkatovna', w.female, '+998935551122', ''],
]
const WIDTHS = [5, 20, 18, 20, 10, 17, 16]
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Excel's own limits on a sheet name: 31 characters, none of \ / ? * [ ] :, unique without case. */
const SHEET_NAME_MAX = 31

/**
 * Our own downloadable template in the predecessor's format: one sheet per class (the school's own when its
 * class list is known, else two examples), a note row, the header, an example row on the first sheet or two;
 * the reader accepts it back unchanged.
 */
export async function makeTemplate(words: TemplateWords, classes: readonly string[] = []): Promise<Blob> {
  const Excel = await loadExcel()
  const workbook = new Excel.Workbook()
  const own = sheetNames(classes)
  const names = own.length > 0 ? own : EXAMPLE_SHEETS
  names.forEach((name, index) => {
    const sheet = workbook.addWorksheet(name)
    sheet.columns = WIDTHS.map((width) => ({ width }))
    sheet.mergeCells(1, 1, 1, words.header.length)
    const note = sheet.getCell(1, 1)
    note.value = words.note
    note.alignment = { wrapText: true, vertical: 'top' }
    sheet.getRow(1).height = 48
    const header = sheet.getRow(2)
    header.values = [...words.header]
    header.font = { bold: true }
    // the school's own classes get one example in all, so a forgotten example is one row to delete
    const example = own.length > 0 ? (index === 0 ? EXAMPLES[0] : undefined) : EXAMPLES[index]
    if (example) sheet.addRow(example(words))
    const genders = `"${words.male},${words.female}"`
    for (let row = 3; row <= 500; row += 1) {
      sheet.getCell(row, 5).dataValidation = { type: 'list', allowBlank: true, formulae: [genders] }
      sheet.getCell(row, 6).numFmt = '@'
    }
    sheet.views = [{ state: 'frozen', ySplit: 2 }]
  })
  const buffer = await workbook.xlsx.writeBuffer()
  return new Blob([buffer as ArrayBuffer], { type: XLSX })
}

/** Class names as Excel accepts them for sheets: forbidden characters as "-", cut to 31, each once. */
export function sheetNames(classes: readonly string[]): string[] {
  const seen = new Set<string>()
  const names: string[] = []
  for (const raw of classes) {
    const name = raw
      .replace(/[\\/?*[\]:]/g, '-')
      .trim()
      .replace(/^'+|'+$/g, '')
      .slice(0, SHEET_NAME_MAX)
    const key = name.toLocaleLowerCase()
    if (!name || seen.has(key)) continue
    seen.add(key)
    names.push(name)
  }
  return names
}
