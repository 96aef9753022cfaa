import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { loadExcel } from '../../../../web/import/excel'
import { MAX_UNPACKED_BYTES } from '../../../../web/import/limits'
import { parseCsv } from '../../../../web/import/parseCsv'
import { parseWorkbook } from '../../../../web/import/parseWorkbook'
import { UZ_HEADER, jpeg, workbook, zip } from './fixtures'

/** A PNG header declaring `width` × `height` pixels: a few dozen bytes that a decoder would blow up. */
function pngDeclaring(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(8 + 25 + 12)
  const view = new DataView(bytes.buffer)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0)
  view.setUint32(8, 13)
  bytes.set(
    [...'IHDR'].map((c) => c.charCodeAt(0)),
    12,
  )
  view.setUint32(16, width)
  view.setUint32(20, height)
  bytes.set([8, 2, 0, 0, 0], 24)
  bytes.set(
    [...'IEND'].map((c) => c.charCodeAt(0)),
    8 + 25 + 4,
  )
  return bytes
}

/**
 * A ZIP that inflates past the limit from a few hundred KB: many entries of the same zeros, beside a
 * workbook's main part so it passes for a workbook as well as a ZIP of photos. Made once: it is slow to make.
 */
let made: Uint8Array | undefined
function bomb(): Uint8Array {
  if (made) return made
  const zeros = new Uint8Array(8 * 1024 * 1024)
  const entries = Math.ceil(MAX_UNPACKED_BYTES / zeros.length) + 1
  const files: Record<string, Uint8Array> = { 'xl/workbook.xml': new TextEncoder().encode('<workbook/>') }
  for (let i = 0; i < entries; i += 1) files[`photos/${i}.jpg`] = zeros
  made = zipSync(files, { level: 1 })
  return made
}

describe('the class-list importer refuses what a tablet cannot hold', { timeout: 120_000 }, () => {
  it('refuses a ZIP of photos that unpacks to more than the limit, as a file problem', () => {
    const zipped = bomb()
    expect(zipped.length).toBeLessThan(2 * 1024 * 1024)
    const parsed = parseCsv('Familiya;Ism;Sinf\nKarimov;Aziz;5-A\n', zipped)
    expect(parsed.rows).toEqual([])
    expect(parsed.problems).toEqual([{ code: 'too_large_unpacked', detail: String(MAX_UNPACKED_BYTES) }])
  })

  it('refuses a workbook that unpacks to more than the limit before exceljs opens it', async () => {
    const parsed = await parseWorkbook(bomb())
    expect(parsed.problems).toEqual([{ code: 'too_large_unpacked', detail: String(MAX_UNPACKED_BYTES) }])
  })

  it('refuses an embedded picture with too many pixels for its row, without decoding it', async () => {
    const bytes = await workbook([
      {
        name: '5-A',
        header: UZ_HEADER,
        rows: [
          [1, 'Karimov', 'Aziz', '', 'Erkak'],
          [2, 'Aliyeva', 'Madina', '', 'Ayol'],
        ],
        photos: {
          0: { bytes: pngDeclaring(50_000, 50_000), extension: 'png' },
          1: { bytes: await jpeg(480, 640), extension: 'jpeg' },
        },
      },
    ])
    const parsed = await parseWorkbook(bytes)
    expect(parsed.problems).toEqual([])
    const [bombed, fine] = parsed.rows
    expect(bombed?.photo).toBeUndefined()
    expect(bombed?.problems).toEqual([{ code: 'photo_too_many_pixels', detail: '50000×50000' }])
    expect(fine?.photo).toMatchObject({ width: 480, height: 640 })
  })

  it('refuses a picture with too many pixels in a ZIP of photos the same way', () => {
    const parsed = parseCsv(
      'Familiya;Ism;Sinf\nKarimov;Aziz;5-A\n',
      zip({ '2.png': pngDeclaring(20_000, 20_000) }),
    )
    expect(parsed.rows[0]?.photo).toBeUndefined()
    expect(parsed.rows[0]?.problems).toEqual([{ code: 'photo_too_many_pixels', detail: '20000×20000' }])
  })

  it('reads a long sheet asking exceljs for its width once per sheet, not once per cell', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => [i + 1, `Familiya${i}`, `Ism${i}`, '', 'Erkak'])
    const bytes = await workbook([{ name: '5-A', header: UZ_HEADER, rows }])
    const loaded = await loadExcel()
    const prototype = Object.getPrototypeOf(new loaded.Workbook().addWorksheet('probe')) as object
    const original = Object.getOwnPropertyDescriptor(prototype, 'columnCount') as PropertyDescriptor
    let asked = 0
    Object.defineProperty(prototype, 'columnCount', {
      ...original,
      get(this: unknown) {
        asked += 1
        return original.get?.call(this)
      },
    })
    try {
      const parsed = await parseWorkbook(bytes)
      expect(parsed.rows).toHaveLength(400)
    } finally {
      Object.defineProperty(prototype, 'columnCount', original)
    }
    // exceljs walks every row to answer columnCount: asking per cell made reading quadratic
    expect(asked).toBeGreaterThan(0)
    expect(asked).toBeLessThanOrEqual(4)
  })
})
