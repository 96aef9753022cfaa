// Rows as the reader hands them over, for the Import page's tests.
import type { ImportPhoto, ImportRow, ParsedImport, RowProblem } from '../../../../web/import'

/** A tiny "JPEG": the page only passes photo bytes on, it never decodes them in these tests. */
export function photo(seed: number, size = 400): ImportPhoto {
  return {
    bytes: new Uint8Array([0xff, 0xd8, 0xff, seed, 0xff, 0xd9]),
    type: 'image/jpeg',
    width: size,
    height: size,
  }
}

export function row(sheet: string, rowNumber: number, fields: Partial<ImportRow> = {}): ImportRow {
  return {
    key: `${sheet}#${rowNumber}`,
    sheet,
    rowNumber,
    lastName: `Familiya${rowNumber}`,
    firstName: `Ism${rowNumber}`,
    gender: rowNumber % 2 === 0 ? 'female' : 'male',
    classLabel: sheet,
    photo: photo(rowNumber),
    problems: [],
    ...fields,
  }
}

export const problem = (code: RowProblem['code']): RowProblem => ({ code })

export function workbook(rows: ImportRow[]): ParsedImport {
  const names = [...new Set(rows.map((r) => r.sheet))]
  return {
    kind: 'xlsx',
    sheets: names.map((name) => ({ name, rows: rows.filter((r) => r.sheet === name).length, problems: [] })),
    rows,
    problems: [],
  }
}
