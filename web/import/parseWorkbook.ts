import type { Workbook, Worksheet } from 'exceljs'
import type { FileProblem, ImportProgress, ImportRow, ParsedImport, ParsedSheet } from './types'
import { cellText } from './cellText'
import { loadExcel } from './excel'
import { fileProblem } from './fileProblem'
import { HEADER_SEARCH_ROWS, recogniseHeader, type ColumnMap } from './header'
import { photoOf } from './imageInfo'
import { MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, PROGRESS_EVERY } from './limits'
import { rowFromCells } from './rowFromCells'
import { isEncryptedOoxml, sniffKind } from './sniff'
import { cleanText } from './text'
import { UnpackedTooLarge, unzipBounded } from './unzipBounded'

type Progress = (progress: ImportProgress) => void

/**
 * Reads a workbook in the predecessor's format: one sheet per class (the sheet's name is the class), a header
 * row within the first rows, photos embedded in the sheet and matched to the row their top-left corner sits
 * in. Never throws for bad input: a file that cannot be read whole comes back with a file problem and no rows.
 */
export async function parseWorkbook(
  bytes: Uint8Array,
  onProgress: Progress = () => {},
): Promise<ParsedImport> {
  const refused = refuse(bytes)
  if (refused) return fileProblem('xlsx', refused)
  onProgress({ phase: 'reading', done: 0, total: 1 })
  let workbook: Workbook
  try {
    const Excel = await loadExcel()
    workbook = new Excel.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch (error) {
    return fileProblem('xlsx', { code: 'corrupt', detail: String((error as Error).message ?? error) })
  }
  onProgress({ phase: 'reading', done: 1, total: 1 })
  return readSheets(workbook, onProgress)
}

// Decides from the bytes alone, before exceljs is trusted with them.
function refuse(bytes: Uint8Array): FileProblem | undefined {
  if (bytes.length > MAX_FILE_BYTES) return { code: 'too_large', detail: String(bytes.length) }
  const kind = sniffKind(bytes)
  if (kind === 'empty') return { code: 'empty' }
  if (kind === 'cfb') {
    return isEncryptedOoxml(bytes)
      ? { code: 'encrypted' }
      : { code: 'not_a_spreadsheet', detail: 'xls: an old Excel file; save it as .xlsx' }
  }
  if (kind !== 'zip') return { code: 'not_a_spreadsheet', detail: kind }
  return checkZip(bytes)
}

// Inflates every entry once, keeping none, to count what the workbook really unpacks to before exceljs
// unpacks it whole: a zip bomb stops here. A cut-off or damaged file fails here too, and a zip that is not
// a workbook (a folder of photos chosen by mistake) has no xl/workbook.xml.
function checkZip(bytes: Uint8Array): FileProblem | undefined {
  const names: string[] = []
  try {
    unzipBounded(bytes, MAX_UNPACKED_BYTES, (name) => {
      names.push(name)
      return false
    })
  } catch (error) {
    if (error instanceof UnpackedTooLarge) return { code: 'too_large_unpacked', detail: String(error.limit) }
    return { code: 'corrupt', detail: String((error as Error).message ?? error) }
  }
  return names.includes('xl/workbook.xml') ? undefined : { code: 'not_a_spreadsheet', detail: 'zip' }
}

interface Found {
  sheet: ParsedSheet
  rows: ImportRow[]
  imageOfRow: Map<number, number>
}

function readSheets(workbook: Workbook, onProgress: Progress): ParsedImport {
  const worksheets = workbook.worksheets.filter(
    (sheet) => sheet.state === 'visible' && sheet.actualRowCount > 0,
  )
  const total = worksheets.reduce((sum, sheet) => sum + Math.max(0, sheet.rowCount - 1), 0)
  const found: Found[] = []
  let done = 0
  let rowCount = 0
  for (const worksheet of worksheets) {
    const result = readSheet(worksheet, () => {
      done += 1
      if (done % PROGRESS_EVERY === 0) onProgress({ phase: 'rows', done, total })
    })
    rowCount += result.rows.length
    if (rowCount > MAX_ROWS) return fileProblem('xlsx', { code: 'too_many_rows', detail: String(MAX_ROWS) })
    found.push(result)
  }
  onProgress({ phase: 'rows', done: total, total })
  const sheets = found.map((entry) => entry.sheet)
  const rows = found.flatMap((entry) => entry.rows)
  if (rows.length === 0) {
    const noHeader = sheets.flatMap((sheet) =>
      sheet.problems.filter((problem) => problem.code === 'no_header'),
    )
    return { kind: 'xlsx', sheets, rows: [], problems: noHeader.length > 0 ? noHeader : [{ code: 'empty' }] }
  }
  attachPhotos(workbook, found, onProgress)
  return { kind: 'xlsx', sheets, rows, problems: [] }
}

function readSheet(worksheet: Worksheet, onRow: () => void): Found {
  const name = cleanText(worksheet.name)
  const header = findHeader(worksheet)
  if (!header) {
    return {
      sheet: { name, rows: 0, problems: [{ code: 'no_header', sheet: name }] },
      rows: [],
      imageOfRow: new Map(),
    }
  }
  const imageOfRow = imagesByRow(worksheet, header.columns)
  const rows: ImportRow[] = []
  const width = worksheet.columnCount
  for (let rowNumber = header.rowNumber + 1; rowNumber <= worksheet.rowCount; rowNumber += 1) {
    const row = rowFromCells(rowCells(worksheet, rowNumber, width), header.columns, {
      sheet: name,
      rowNumber,
      classLabel: name,
      hasPhoto: imageOfRow.has(rowNumber),
    })
    if (row) rows.push(row)
    onRow()
  }
  return { sheet: { name, rows: rows.length, problems: [] }, rows, imageOfRow }
}

function findHeader(worksheet: Worksheet): { rowNumber: number; columns: ColumnMap } | undefined {
  const width = worksheet.columnCount
  for (let rowNumber = 1; rowNumber <= Math.min(HEADER_SEARCH_ROWS, worksheet.rowCount); rowNumber += 1) {
    const columns = recogniseHeader(rowCells(worksheet, rowNumber, width))
    if (columns) return { rowNumber, columns }
  }
  return undefined
}

// A merged cell reads as its master's value in every cell it covers, which is what a person sees. `width`
// is the sheet's columnCount, taken once by the caller: exceljs walks every row to answer it, so asking
// per cell made reading 5,000 rows take 14 s and 20,000 take 107 s.
function rowCells(worksheet: Worksheet, rowNumber: number, width: number): string[] {
  const row = worksheet.getRow(rowNumber)
  const cells: string[] = []
  for (let column = 1; column <= width; column += 1) {
    cells.push(cellText(row.getCell(column).value).trim())
  }
  return cells
}

// Row number (1-based) → image id; when a row holds several images the one in the Photo column wins.
function imagesByRow(worksheet: Worksheet, columns: ColumnMap): Map<number, number> {
  const byRow = new Map<number, number>()
  for (const image of worksheet.getImages()) {
    const rowNumber = Math.floor(image.range.tl.nativeRow) + 1
    const inPhotoColumn =
      columns.photo !== undefined && Math.floor(image.range.tl.nativeCol) === columns.photo
    if (!byRow.has(rowNumber) || inPhotoColumn) byRow.set(rowNumber, Number(image.imageId))
  }
  return byRow
}

function attachPhotos(workbook: Workbook, found: Found[], onProgress: Progress): void {
  const withImage = found.flatMap((entry) =>
    entry.rows.flatMap((row) => {
      const imageId = entry.imageOfRow.get(row.rowNumber)
      return imageId === undefined ? [] : [{ row, imageId }]
    }),
  )
  withImage.forEach(({ row, imageId }, index) => {
    const image = workbook.getImage(imageId) as { buffer?: Uint8Array; extension?: string } | undefined
    // each row owns a copy so the worker can hand it over (transfer) to the page
    const bytes = image?.buffer ? new Uint8Array(image.buffer) : new Uint8Array()
    const checked = photoOf(bytes, image?.extension ?? '')
    if ('photo' in checked) row.photo = checked.photo
    else row.problems.push(checked.problem)
    if ((index + 1) % PROGRESS_EVERY === 0)
      onProgress({ phase: 'photos', done: index + 1, total: withImage.length })
  })
  onProgress({ phase: 'photos', done: withImage.length, total: withImage.length })
}
