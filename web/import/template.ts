import { loadExcel } from './excel'

export const TEMPLATE_HEADER = ['#', 'Familiya', 'Ism', 'Otasining ismi', 'Jinsi', 'Telefon', 'Rasm']
export const TEMPLATE_SHEETS = ['5-A', '5-B']
export const TEMPLATE_NOTE =
  "Har bir sinf — alohida varaq, varaq nomi sinf nomi (masalan 5-A). Jinsi: Erkak yoki Ayol. Telefon: +998901234567. Rasmni o'quvchi qatoriga, «Rasm» ustuniga qo'ying. Namuna qatorni o'chiring."
const EXAMPLES: Record<string, string[]> = {
  '5-A': ['1', 'Karimov', 'Aziz', 'Rustamovich', 'Erkak', '+998901234567', ''],
  '5-B': ['1', 'Toʻxtayeva', 'Gulnoza', 'Shavkatovna', 'Ayol', '+998935551122', ''],
}
const WIDTHS = [5, 20, 18, 20, 10, 17, 16]
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Our own downloadable template in the predecessor's format: one sheet per class, a note row, the header,
 *  one example row; the reader accepts it back unchanged. */
export async function makeTemplate(): Promise<Blob> {
  const Excel = await loadExcel()
  const workbook = new Excel.Workbook()
  for (const name of TEMPLATE_SHEETS) {
    const sheet = workbook.addWorksheet(name)
    sheet.columns = WIDTHS.map((width) => ({ width }))
    sheet.mergeCells(1, 1, 1, TEMPLATE_HEADER.length)
    const note = sheet.getCell(1, 1)
    note.value = TEMPLATE_NOTE
    note.alignment = { wrapText: true, vertical: 'top' }
    sheet.getRow(1).height = 48
    const header = sheet.getRow(2)
    header.values = TEMPLATE_HEADER
    header.font = { bold: true }
    sheet.addRow(EXAMPLES[name] ?? [])
    for (let row = 3; row <= 500; row += 1) {
      sheet.getCell(row, 5).dataValidation = { type: 'list', allowBlank: true, formulae: ['"Erkak,Ayol"'] }
      sheet.getCell(row, 6).numFmt = '@'
    }
    sheet.views = [{ state: 'frozen', ySplit: 2 }]
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Blob([buffer as ArrayBuffer], { type: XLSX })
}
