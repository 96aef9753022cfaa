import { describe, expect, it } from 'vitest'
import { parseWorkbook } from '../../../../web/import/parseWorkbook'
import { parseCsv } from '../../../../web/import/parseCsv'
import { readClassList } from '../../../../web/import/readClassList'
import { jpeg, UZ_HEADER, workbook, zip } from './fixtures'

/** An OLE compound file as Excel writes it for a password-protected .xlsx (or, with a Workbook stream, an
 *  old .xls): the signature, then the directory's UTF-16LE stream names. */
function compoundFile(streams: string[]): Uint8Array {
  const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
  const bytes = new Uint8Array(4096)
  bytes.set(header)
  let at = 1024
  for (const name of streams) {
    for (let i = 0; i < name.length; i += 1) bytes[at + i * 2] = name.charCodeAt(i)
    at += 128
  }
  return bytes
}

async function goodWorkbook(): Promise<Uint8Array> {
  return workbook([{ name: '5-A', header: UZ_HEADER, rows: [[1, 'Karimov', 'Aziz', '', 'Erkak', '']] }])
}

describe('a file that cannot be imported whole', { timeout: 30_000 }, () => {
  it.each([
    [
      'a PDF',
      new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'),
      'not_a_spreadsheet',
    ],
    ['an old .xls', compoundFile(['Root Entry', 'Workbook', 'SummaryInformation']), 'not_a_spreadsheet'],
    [
      'a password-protected workbook',
      compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']),
      'encrypted',
    ],
    ['an empty file', new Uint8Array(), 'empty'],
    ['a file over 60 MB', new Uint8Array(60 * 1024 * 1024 + 1), 'too_large'],
  ])('%s is refused with a clear reason and no rows', async (_what, bytes, code) => {
    const parsed = await parseWorkbook(bytes)
    expect(parsed.problems.map((problem) => problem.code)).toEqual([code])
    expect(parsed.rows).toEqual([])
  })

  it('a JPEG renamed to .xlsx is not a spreadsheet', async () => {
    const parsed = await readClassList(
      new File([(await jpeg(480, 640)) as Uint8Array<ArrayBuffer>], 'sinf.xlsx'),
    )
    expect(parsed.problems).toEqual([{ code: 'not_a_spreadsheet', detail: 'image' }])
  })

  it('a workbook cut off in the middle is corrupt, not half read', async () => {
    const whole = await goodWorkbook()
    const parsed = await parseWorkbook(whole.subarray(0, Math.floor(whole.length * 0.6)))
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['corrupt'])
    expect(parsed.rows).toEqual([])
  })

  it('a workbook with a damaged part inside is corrupt', async () => {
    const bytes = new Uint8Array(await goodWorkbook())
    // overwrite the middle (inside the compressed sheet data) but keep the zip directory at the end
    bytes.fill(0x41, 200, Math.floor(bytes.length / 2))
    const parsed = await parseWorkbook(bytes)
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['corrupt'])
  })

  it('a ZIP of photos chosen instead of the workbook is not a spreadsheet', async () => {
    const parsed = await parseWorkbook(zip({ '1.jpg': await jpeg(240, 320) }))
    expect(parsed.problems).toEqual([{ code: 'not_a_spreadsheet', detail: 'zip' }])
  })

  it('a workbook whose only sheet has no header says so for that sheet', async () => {
    const bytes = await workbook([{ name: 'Varaq1', header: ['Salom', 'Dunyo'], rows: [['1', '2']] }])
    const parsed = await parseWorkbook(bytes)
    expect(parsed.problems).toEqual([{ code: 'no_header', sheet: 'Varaq1' }])
    expect(parsed.sheets).toEqual([
      { name: 'Varaq1', rows: 0, problems: [{ code: 'no_header', sheet: 'Varaq1' }] },
    ])
  })

  it('a workbook with a header and no students is empty', async () => {
    const parsed = await parseWorkbook(await workbook([{ name: '5-A', header: UZ_HEADER, rows: [] }]))
    expect(parsed.problems).toEqual([{ code: 'empty' }])
  })

  it('more than 5,000 rows are refused whole; exactly 5,000 are read', async () => {
    const rows = (count: number) =>
      Array.from({ length: count }, (_, index) => [index + 1, `Familiya${index}`, 'Ism', '', 'Erkak', ''])
    const half = (count: number) => [
      { name: '5-A', header: UZ_HEADER, rows: rows(2500) },
      { name: '5-B', header: UZ_HEADER, rows: rows(count - 2500) },
    ]

    const tooMany = await parseWorkbook(await workbook(half(5001)))
    expect(tooMany.problems).toEqual([{ code: 'too_many_rows', detail: '5000' }])
    expect(tooMany.rows).toEqual([])
    const exactly = await parseWorkbook(await workbook(half(5000)))
    expect(exactly.problems).toEqual([])
    expect(exactly.rows).toHaveLength(5000)
  }, 90_000)

  it('a file or a photos ZIP over 60 MB is refused before it is read', async () => {
    const big = new Blob([new Uint8Array(60 * 1024 * 1024 + 1)])
    const file = await readClassList(Object.assign(big, { name: 'sinf.xlsx' }))
    expect(file.problems).toEqual([{ code: 'too_large', detail: 'file' }])
    const photos = await readClassList(new File(['Familiya;Ism\nKarimov;Aziz\n'], '5-A.csv'), big)
    expect(photos.problems).toEqual([{ code: 'too_large', detail: 'photos' }])
    expect(parseCsv('Familiya;Ism\nKarimov;Aziz\n', new Uint8Array(60 * 1024 * 1024 + 1)).problems).toEqual([
      { code: 'too_large', detail: 'photos' },
    ])
  })

  it('a CSV whose photos ZIP is damaged is refused whole', async () => {
    const photos = zip({ '2.jpg': await jpeg(480, 640) })
    const parsed = parseCsv('Familiya;Ism\nKarimov;Aziz\n', photos.subarray(0, photos.length - 30))
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['photos_unreadable'])
    expect(parsed.rows).toEqual([])
  })

  it('a CSV of more than 5,000 rows is refused whole', () => {
    const lines = Array.from({ length: 5001 }, (_, index) => `Familiya${index};Ism;Erkak`)
    const parsed = parseCsv(['Familiya;Ism;Jinsi', ...lines].join('\n'))
    expect(parsed.problems).toEqual([{ code: 'too_many_rows', detail: '5000' }])
    expect(parsed.rows).toEqual([])
    expect(parseCsv(['Familiya;Ism;Jinsi', ...lines.slice(1)].join('\n')).rows).toHaveLength(5000)
  })

  it('a CSV with a header and no students is empty, and so is a blank one', () => {
    expect(parseCsv('Familiya;Ism;Jinsi\n;;\n').problems).toEqual([{ code: 'empty' }])
    expect(parseCsv('\uFEFF\n\n').problems).toEqual([{ code: 'empty' }])
  })

  it('a CSV without a recognisable header says so', () => {
    const parsed = parseCsv('a;b;c\n1;2;3\n')
    expect(parsed.problems).toEqual([{ code: 'no_header', sheet: 'CSV' }])
    expect(parsed.rows).toEqual([])
  })
})
