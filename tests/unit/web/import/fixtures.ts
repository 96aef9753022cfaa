import ExcelJS from 'exceljs'
import sharp from 'sharp'
import { zipSync } from 'fflate'

/** A real JPEG of the given size; `seed` varies the colour so photos differ byte for byte. */
export async function jpeg(width: number, height: number, seed = 0): Promise<Uint8Array> {
  const background = { r: (seed * 37) % 256, g: (seed * 91) % 256, b: 120 }
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background } })
      .jpeg()
      .toBuffer(),
  )
}

/** A JPEG cut off in transfer: the header is intact, the end is missing. */
export async function truncatedJpeg(): Promise<Uint8Array> {
  const whole = await jpeg(480, 640, 7)
  return whole.subarray(0, Math.floor(whole.length / 2))
}

export interface SheetSpec {
  name: string
  /** rows above the header, e.g. a title */
  titleRows?: unknown[][]
  header: string[]
  rows: unknown[][]
  /** data row index (0-based, below the header) → photo bytes, anchored at that row in column `photoColumn` */
  photos?: Record<number, { bytes: Uint8Array; extension: 'jpeg' | 'png' }>
  photoColumn?: number
  configure?: (sheet: ExcelJS.Worksheet) => void
}

/** A workbook as a school keeps it, written with the same library the predecessor used. */
export async function workbook(sheets: SheetSpec[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  for (const spec of sheets) {
    const sheet = book.addWorksheet(spec.name)
    for (const title of spec.titleRows ?? []) sheet.addRow(title)
    sheet.addRow(spec.header)
    const headerRow = (spec.titleRows ?? []).length + 1
    for (const row of spec.rows) sheet.addRow(row)
    for (const [index, photo] of Object.entries(spec.photos ?? {})) {
      const imageId = book.addImage({
        buffer: Buffer.from(photo.bytes) as unknown as ExcelJS.Buffer,
        extension: photo.extension,
      })
      // exceljs anchors are 0-based: the row headerRow + index + 1 (1-based) is native row headerRow + index
      const row = headerRow + Number(index)
      sheet.addImage(imageId, { tl: { col: spec.photoColumn ?? 6, row }, ext: { width: 60, height: 80 } })
    }
    spec.configure?.(sheet)
  }
  return new Uint8Array(await book.xlsx.writeBuffer())
}

export function zip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 0 })
}

export const UZ_HEADER = ['#', 'Familiya', 'Ism', 'Otasining ismi', 'Jinsi', 'Telefon', 'Photo']
