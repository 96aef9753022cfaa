import type { ImportProgress, ParsedImport } from './types'
import { fileProblem } from './fileProblem'
import { parseCsv } from './parseCsv'
import { parseWorkbook } from './parseWorkbook'
import { sniffKind } from './sniff'

export interface FileInput {
  bytes: Uint8Array
  name?: string
  photosZip?: Uint8Array
}

/** Reads a class list whatever was chosen: the bytes decide between workbook and CSV (a renamed file does
 *  not fool it), the name only helps a CSV that is not UTF-8 and gives a CSV its class. */
export async function parseClassList(
  input: FileInput,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ParsedImport> {
  const kind = sniffKind(input.bytes)
  const isCsvName = /\.(csv|txt)$/i.test(input.name ?? '')
  if (kind === 'text' || (kind === 'binary' && isCsvName)) {
    return parseCsv(input.bytes, input.photosZip, { classLabel: csvClassLabel(input.name), onProgress })
  }
  if (kind === 'empty') return fileProblem(isCsvName ? 'csv' : 'xlsx', { code: 'empty' })
  return parseWorkbook(input.bytes, onProgress)
}

// "5-A.csv" holds class 5-A; a generic name ("students.csv") says nothing, and the label stays 'CSV'.
function csvClassLabel(name: string | undefined): string | undefined {
  const stem = name?.replace(/^.*[\\/]/, '').replace(/\.(csv|txt)$/i, '')
  return stem && /\d/.test(stem) && stem.length <= 12 ? stem : undefined
}
