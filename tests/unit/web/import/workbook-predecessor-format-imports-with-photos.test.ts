import { describe, expect, it } from 'vitest'
import { parseWorkbook } from '../../../../web/import/parseWorkbook'
import { checkRows } from '../../../../web/import/checkRows'
import type { ImportProgress, ParsedImport } from '../../../../web/import/types'
import { jpeg, truncatedJpeg, UZ_HEADER, workbook } from './fixtures'

const CLASSES = [
  { id: 'c-5a', name: '5-A' },
  { id: 'c-5b', name: '5-B' },
]
const CONTEXT = { classes: CLASSES, classFor: { '5-A': 'c-5a', '5-B': 'c-5b' }, serverStudents: [] }

function codes(parsed: ParsedImport, key: string): string[] {
  const row = checkRows(parsed, CONTEXT).find((candidate) => candidate.key === key)
  return (row?.problems ?? [{ code: 'no such row' }]).map((problem) => problem.code)
}

describe('a workbook in the predecessor template', { timeout: 30_000 }, () => {
  it('reads one sheet per class and gives each row the photo anchored in it', async () => {
    const photos = [await jpeg(480, 640, 1), await jpeg(480, 640, 2), await jpeg(480, 640, 3)]
    const bytes = await workbook([
      {
        name: '5-A',
        header: UZ_HEADER,
        rows: [
          [1, 'Karimov', 'Aziz', 'Rustamovich', 'Erkak', '+998901234567'],
          [2, 'Toʻxtayeva', 'Gulnoza', 'Shavkatovna', 'Ayol', '+998935551122'],
          [3, 'Rahimov', 'Bekzod', '', 'oʻgʻil', ''],
        ],
        // the photos are anchored out of order: rows are matched by anchor, not by insertion order
        photos: {
          2: { bytes: photos[2] as Uint8Array, extension: 'jpeg' },
          0: { bytes: photos[0] as Uint8Array, extension: 'jpeg' },
        },
      },
      {
        name: '5-B',
        header: UZ_HEADER,
        rows: [
          [1, 'Aliyeva', 'Madina', '', 'qiz', ''],
          [2, 'Sobirov', 'Jasur', '', 'erkak', ''],
          [3, 'Qodirova', 'Nilufar', '', 'ayol', ''],
        ],
        photos: {
          0: { bytes: photos[1] as Uint8Array, extension: 'jpeg' },
          1: { bytes: await jpeg(100, 100, 4), extension: 'jpeg' },
          2: { bytes: await truncatedJpeg(), extension: 'jpeg' },
        },
      },
    ])

    const parsed = await parseWorkbook(bytes)

    expect(parsed.problems).toEqual([])
    expect(parsed.kind).toBe('xlsx')
    expect(parsed.sheets).toEqual([
      { name: '5-A', rows: 3, problems: [] },
      { name: '5-B', rows: 3, problems: [] },
    ])
    expect(parsed.rows.map((row) => [row.key, row.classLabel, row.rowNumber, row.lastName])).toEqual([
      ['5-A#2', '5-A', 2, 'Karimov'],
      ['5-A#3', '5-A', 3, 'Toʻxtayeva'],
      ['5-A#4', '5-A', 4, 'Rahimov'],
      ['5-B#2', '5-B', 2, 'Aliyeva'],
      ['5-B#3', '5-B', 3, 'Sobirov'],
      ['5-B#4', '5-B', 4, 'Qodirova'],
    ])
    const [karimov, toxtayeva, rahimov, aliyeva] = parsed.rows
    expect(karimov?.photo).toMatchObject({ type: 'image/jpeg', width: 480, height: 640 })
    expect(karimov?.photo?.bytes).toEqual(photos[0])
    expect(rahimov?.photo?.bytes).toEqual(photos[2])
    expect(aliyeva?.photo?.bytes).toEqual(photos[1])
    expect(toxtayeva?.photo).toBeUndefined()
    expect(karimov).toMatchObject({ firstName: 'Aziz', fatherName: 'Rustamovich', gender: 'male' })

    expect(codes(parsed, '5-A#2')).toEqual([])
    expect(codes(parsed, '5-A#3')).toEqual(['photo_missing'])
    expect(codes(parsed, '5-B#3')).toEqual(['photo_too_small'])
    expect(codes(parsed, '5-B#4')).toEqual(['photo_unreadable'])
  })

  it('finds the header below a merged title row, in any column order, in English and in Russian', async () => {
    const bytes = await workbook([
      {
        name: '6-A',
        titleRows: [["6-A sinf o'quvchilari ro'yxati"], ['2026-2027 oʻquv yili']],
        header: ['Photo', 'Gender', 'Phone', 'First name', 'No', "Father's name", 'Surname'],
        rows: [['', 'Male', '901234567', 'Aziz', 1, 'Akmalovich', 'Karimov']],
        photos: { 0: { bytes: await jpeg(480, 640, 5), extension: 'jpeg' } },
        photoColumn: 0,
        configure: (sheet) => sheet.mergeCells('A1:G1'),
      },
      {
        name: '6-Б',
        header: ['Пол', 'Имя', 'Фамилия', '№', 'Фото', 'Отчество', 'Телефон'],
        rows: [['ж', 'Мадина', 'Алиева', 1, '', 'Рустамовна', '+998 93 555 11 22']],
      },
    ])

    const parsed = await parseWorkbook(bytes)

    expect(parsed.problems).toEqual([])
    expect(parsed.rows).toHaveLength(2)
    expect(parsed.rows[0]).toMatchObject({
      key: '6-A#4',
      rowNumber: 4,
      lastName: 'Karimov',
      firstName: 'Aziz',
      fatherName: 'Akmalovich',
      gender: 'male',
      phone: '901234567',
      photo: { width: 480, height: 640 },
    })
    expect(parsed.rows[1]).toMatchObject({
      key: '6-Б#2',
      classLabel: '6-Б',
      lastName: 'Алиева',
      firstName: 'Мадина',
      fatherName: 'Рустамовна',
      gender: 'female',
    })
  })

  it('reads rich text, cached formula results, hyperlinks, phone numbers and merged cells as plain text', async () => {
    const bytes = await workbook([
      {
        name: '7-A',
        header: UZ_HEADER,
        rows: [
          [
            1,
            { richText: [{ text: 'Kari', font: { bold: true } }, { text: 'mov  ' }] },
            { formula: 'PROPER("aziz")', result: 'Aziz' },
            { text: 'Akmalovich', hyperlink: 'https://example.invalid/' },
            'Erkak',
            998901234567,
          ],
          [2, 'Karimov', 'Sardor', '', '', 901234567],
        ],
        // one "Erkak" cell merged over both brothers' rows
        configure: (sheet) => sheet.mergeCells('E2:E3'),
      },
    ])

    const parsed = await parseWorkbook(bytes)

    expect(
      parsed.rows.map((row) => [row.lastName, row.firstName, row.fatherName, row.gender, row.phone]),
    ).toEqual([
      ['Karimov', 'Aziz', 'Akmalovich', 'male', '998901234567'],
      ['Karimov', 'Sardor', undefined, 'male', '901234567'],
    ])
    const checked = checkRows(parsed, { ...CONTEXT, classFor: { '7-A': 'c-5a' } })
    expect(checked.map((row) => row.phone)).toEqual(['+998901234567', '+998901234567'])
  })

  it('splits a single name column ("F.I.O", "Name") into last, first and father\'s name', async () => {
    const bytes = await workbook([
      {
        name: '5-V',
        header: ['№', 'F.I.O.', 'Jinsi'],
        rows: [[1, 'Oʻrinboyev Sardor Akmal oʻgʻli', 'Erkak']],
      },
      { name: '5-G', header: ['#', 'Name', 'Sex'], rows: [[1, 'Karimova Madina', 'F']] },
    ])

    const parsed = await parseWorkbook(bytes)

    expect(parsed.rows.map((row) => [row.lastName, row.firstName, row.fatherName, row.gender])).toEqual([
      ['Oʻrinboyev', 'Sardor', 'Akmal oʻgʻli', 'male'],
      ['Karimova', 'Madina', undefined, 'female'],
    ])
  })

  it('ignores a picture anchored above the header (a school logo)', async () => {
    const logo = await jpeg(300, 300, 8)
    const bytes = await workbook([
      {
        name: '5-D',
        titleRows: [['Maktab']],
        header: UZ_HEADER,
        rows: [[1, 'Karimov', 'Aziz', '', 'Erkak', '']],
        configure: (sheet) => {
          const book = sheet.workbook
          sheet.addImage(
            book.addImage({ buffer: Buffer.from(logo) as unknown as never, extension: 'jpeg' }),
            {
              tl: { col: 0, row: 0 },
              ext: { width: 40, height: 40 },
            },
          )
        },
      },
    ])

    const parsed = await parseWorkbook(bytes)

    expect(parsed.rows).toHaveLength(1)
    expect(parsed.rows[0]?.photo).toBeUndefined()
  })

  it('keeps Cyrillic names and every Uzbek apostrophe exactly as written', async () => {
    const names = ['Oʻrinboyev', 'Gʼayratov', "Ma'rufov", 'Sa`dullayev', 'Шукуров', 'Ёқубова']
    const bytes = await workbook([
      {
        name: '8-A',
        header: UZ_HEADER,
        rows: names.map((name, index) => [index + 1, name, 'Ali', '', 'm', '']),
      },
    ])

    const parsed = await parseWorkbook(bytes)

    expect(parsed.rows.map((row) => row.lastName)).toEqual(names)
  })

  it('skips hidden helper sheets and empty template rows that hold only their number', async () => {
    const bytes = await workbook([
      { name: '9-A', header: UZ_HEADER, rows: [[1, 'Karimov', 'Aziz', '', 'Erkak', ''], [2], [3], [4]] },
      {
        name: '_validation',
        header: ['Erkak', 'Ayol'],
        rows: [],
        configure: (sheet) => {
          sheet.state = 'veryHidden'
        },
      },
    ])

    const parsed = await parseWorkbook(bytes)

    expect(parsed.sheets.map((sheet) => sheet.name)).toEqual(['9-A'])
    expect(parsed.rows.map((row) => row.key)).toEqual(['9-A#2'])
  })

  it('reads the good sheets and names the sheet without a header', async () => {
    const bytes = await workbook([
      { name: '10-A', header: UZ_HEADER, rows: [[1, 'Karimov', 'Aziz', '', 'Erkak', '']] },
      { name: 'Eslatma', header: ['Bu varaqda ro‘yxat yo‘q'], rows: [['faqat izoh']] },
    ])

    const parsed = await parseWorkbook(bytes)

    expect(parsed.problems).toEqual([])
    expect(parsed.rows).toHaveLength(1)
    expect(parsed.sheets[1]).toEqual({
      name: 'Eslatma',
      rows: 0,
      problems: [{ code: 'no_header', sheet: 'Eslatma' }],
    })
  })

  it('reports progress at least every 25 rows and photos', async () => {
    const photo = await jpeg(240, 320, 9)
    const rows = Array.from({ length: 120 }, (_, index) => [
      index + 1,
      `Familiya${index}`,
      'Ism',
      '',
      'Erkak',
      '',
    ])
    const photos = Object.fromEntries(
      rows.map((_, index) => [index, { bytes: photo, extension: 'jpeg' as const }]),
    )
    const bytes = await workbook([{ name: '11-A', header: UZ_HEADER, rows, photos }])
    const seen: ImportProgress[] = []

    const parsed = await parseWorkbook(bytes, (progress) => seen.push(progress))

    expect(parsed.rows.filter((row) => row.photo)).toHaveLength(120)
    for (const phase of ['rows', 'photos'] as const) {
      const done = [0, ...seen.filter((p) => p.phase === phase).map((p) => p.done)]
      expect(done.at(-1)).toBe(120)
      for (let i = 1; i < done.length; i += 1)
        expect((done[i] as number) - (done[i - 1] as number)).toBeLessThanOrEqual(25)
    }
    expect(seen[0]).toEqual({ phase: 'reading', done: 0, total: 1 })
  })
})
