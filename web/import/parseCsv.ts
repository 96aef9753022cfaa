import type { ImportProgress, ImportRow, ParsedImport } from './types'
import { csvRecords, decodeCsv, detectDelimiter } from './csvRecords'
import { fileProblem } from './fileProblem'
import { HEADER_SEARCH_ROWS, recogniseHeader } from './header'
import { MAX_FILE_BYTES, MAX_ROWS, MAX_ZIP_BYTES, PROGRESS_EVERY } from './limits'
import { rowFromCells } from './rowFromCells'
import { UnpackedTooLarge } from './unzipBounded'
import { ZipPhotos } from './zipPhotos'

export const CSV_SHEET = 'CSV'

export interface CsvOptions {
  /** the class of rows without a class column (e.g. the file's name, "5-A.csv"); 'CSV' when not given */
  classLabel?: string
  onProgress?: (progress: ImportProgress) => void
}

/**
 * Reads a CSV class list (a header row like the workbook's, plus an optional class column) and, when given,
 * a ZIP of photos named by row number, deviceStudentId/employeeNo or "Familiya Ism". Never throws for bad
 * input: a file that cannot be read whole comes back with a file problem and no rows.
 */
export function parseCsv(
  input: string | Uint8Array,
  zip?: Uint8Array,
  options: CsvOptions = {},
): ParsedImport {
  const onProgress = options.onProgress ?? (() => {})
  if (typeof input !== 'string' && input.length > MAX_FILE_BYTES) return tooLarge('file')
  if (zip && zip.length > MAX_ZIP_BYTES) return tooLarge('photos')
  const text = (typeof input === 'string' ? input : decodeCsv(input)).replace(/^\uFEFF/, '')
  if (!text.trim()) return fileProblem('csv', { code: 'empty' })
  let photos: ZipPhotos | undefined
  if (zip) {
    try {
      photos = ZipPhotos.read(zip)
    } catch (error) {
      if (error instanceof UnpackedTooLarge) {
        return fileProblem('csv', { code: 'too_large_unpacked', detail: String(error.limit) })
      }
      return fileProblem('csv', {
        code: 'photos_unreadable',
        detail: String((error as Error).message ?? error),
      })
    }
  }
  onProgress({ phase: 'reading', done: 1, total: 1 })
  const records = csvRecords(text, detectDelimiter(text))
  const headerIndex = records.slice(0, HEADER_SEARCH_ROWS).findIndex((cells) => recogniseHeader(cells))
  if (headerIndex < 0) {
    const problem = { code: 'no_header' as const, sheet: CSV_SHEET }
    return {
      kind: 'csv',
      sheets: [{ name: CSV_SHEET, rows: 0, problems: [problem] }],
      rows: [],
      problems: [problem],
    }
  }
  const columns = recogniseHeader(records[headerIndex] as string[]) ?? {}
  const rows: ImportRow[] = []
  const total = records.length - headerIndex - 1
  for (let index = headerIndex + 1; index < records.length; index += 1) {
    const row = rowFromCells(records[index] as string[], columns, {
      sheet: CSV_SHEET,
      rowNumber: index + 1,
      classLabel: options.classLabel ?? CSV_SHEET,
      hasPhoto: false,
    })
    if (row) rows.push(row)
    if (rows.length > MAX_ROWS) return fileProblem('csv', { code: 'too_many_rows', detail: String(MAX_ROWS) })
    const done = index - headerIndex
    if (done % PROGRESS_EVERY === 0) onProgress({ phase: 'rows', done, total })
  }
  onProgress({ phase: 'rows', done: total, total })
  if (rows.length === 0) return fileProblem('csv', { code: 'empty' })
  if (photos) attachPhotos(rows, photos, onProgress)
  return { kind: 'csv', sheets: [{ name: CSV_SHEET, rows: rows.length, problems: [] }], rows, problems: [] }
}

function attachPhotos(rows: ImportRow[], photos: ZipPhotos, onProgress: CsvOptions['onProgress'] & {}): void {
  rows.forEach((row, index) => {
    photos.attach(row)
    if ((index + 1) % PROGRESS_EVERY === 0)
      onProgress({ phase: 'photos', done: index + 1, total: rows.length })
  })
  onProgress({ phase: 'photos', done: rows.length, total: rows.length })
}

function tooLarge(what: 'file' | 'photos'): ParsedImport {
  return fileProblem('csv', { code: 'too_large', detail: what })
}
