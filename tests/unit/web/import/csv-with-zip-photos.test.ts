import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../../../web/import/parseCsv'
import { readClassList } from '../../../../web/import/readClassList'
import { checkRows } from '../../../../web/import/checkRows'
import { jpeg, zip } from './fixtures'

const BOM = '\uFEFF'

describe('a CSV class list with a ZIP of photos', { timeout: 30_000 }, () => {
  it('reads UTF-8 with a BOM, ";" and quoted fields, with a class column', () => {
    const text = `${BOM}Sinf;Familiya;Ism;Otasining ismi;Jinsi;Telefon\r\n5-A;"Karimov";"Aziz ""Azi""";Akmal;Erkak;+998 90 123 45 67\r\n5-B;Toʻxtayeva;"Gul;noza";;Ayol;\r\n`

    const parsed = parseCsv(new TextEncoder().encode(text))

    expect(parsed.kind).toBe('csv')
    expect(parsed.problems).toEqual([])
    expect(
      parsed.rows.map((row) => [row.key, row.classLabel, row.lastName, row.firstName, row.gender]),
    ).toEqual([
      ['CSV#2', '5-A', 'Karimov', 'Aziz "Azi"', 'male'],
      ['CSV#3', '5-B', 'Toʻxtayeva', 'Gul;noza', 'female'],
    ])
    expect(parsed.rows[0]?.phone).toBe('+998 90 123 45 67')
  })

  it('reads UTF-8 without a BOM and with ",", English headers in any order, a line break inside quotes', () => {
    const text =
      'Gender,Last name,First name,Class\nfemale,"Aliyeva","Madina\nSoliha",6-A\nM,Sobirov,Jasur,6-A\n'

    const parsed = parseCsv(text)

    expect(
      parsed.rows.map((row) => [row.rowNumber, row.lastName, row.firstName, row.gender, row.classLabel]),
    ).toEqual([
      [2, 'Aliyeva', 'Madina Soliha', 'female', '6-A'],
      [3, 'Sobirov', 'Jasur', 'male', '6-A'],
    ])
  })

  it('reads a CSV saved by Excel on a Russian Windows (Windows-1251)', () => {
    // "Фамилия;Имя;Пол\nАлиева;Мадина;ж" in Windows-1251
    const cp1251 = (text: string) =>
      new Uint8Array(
        [...text].map((char) => (char.charCodeAt(0) < 128 ? char.charCodeAt(0) : char.charCodeAt(0) - 0x350)),
      )
    const parsed = parseCsv(cp1251('Фамилия;Имя;Пол\nАлиева;Мадина;ж\n'))
    expect(parsed.rows.map((row) => [row.lastName, row.firstName, row.gender])).toEqual([
      ['Алиева', 'Мадина', 'female'],
    ])
  })

  it('matches ZIP photos by row number, by deviceStudentId and by "Familiya Ism" ignoring case and apostrophes', async () => {
    const byRow = await jpeg(480, 640, 1)
    const byId = await jpeg(480, 640, 2)
    const byName = await jpeg(480, 640, 3)
    const text = [
      'Familiya;Ism;Jinsi;employeeNo',
      'Karimov;Aziz;Erkak;',
      'Rahimov;Bekzod;Erkak;4820193701',
      'Oʻrinboyeva;Gulnoza;Ayol;',
      'Sobirov;Jasur;Erkak;',
    ].join('\n')
    const photos = zip({
      '2.jpg': byRow,
      'rasmlar/4820193701.jpeg': byId,
      "O'RINBOYEVA_gulnoza.JPG": byName,
      '__MACOSX/rasmlar/._4820193701.jpeg': new Uint8Array([0, 5, 22, 7]),
      'readme.txt': new TextEncoder().encode('rasmlar'),
    })

    const parsed = parseCsv(text, photos, { classLabel: '5-A' })

    expect(parsed.rows.map((row) => row.photo?.bytes)).toEqual([byRow, byId, byName, undefined])
    expect(parsed.rows[1]?.deviceStudentId).toBe('4820193701')
    expect(parsed.rows.map((row) => row.classLabel)).toEqual(['5-A', '5-A', '5-A', '5-A'])
    const checked = checkRows(parsed, {
      classes: [{ id: 'c', name: '5-A' }],
      classFor: { '5-A': 'c' },
      serverStudents: [],
    })
    expect(checked.map((row) => row.problems.map((problem) => problem.code))).toEqual([
      [],
      [],
      [],
      ['photo_missing'],
    ])
  })

  it('marks a ZIP photo that is no image, or cut off, as unreadable', async () => {
    const whole = await jpeg(480, 640, 4)
    const photos = zip({
      '2.jpg': new TextEncoder().encode('not a photo at all, just text'),
      '3.jpg': whole.subarray(0, 400),
    })

    const parsed = parseCsv('Familiya,Ism,Jinsi\nKarimov,Aziz,m\nSobirov,Jasur,m\n', photos)

    expect(parsed.rows.map((row) => row.problems)).toEqual([
      [{ code: 'photo_unreadable', detail: 'zip' }],
      [{ code: 'photo_unreadable', detail: 'zip' }],
    ])
  })

  it('reads a CSV file through readClassList, taking the class from a file name like "5-A.csv"', async () => {
    const file = new File([`${BOM}Familiya;Ism;Jinsi\nKarimov;Aziz;Erkak\n`], '5-A.csv', { type: 'text/csv' })
    const photos = new Blob([
      zip({ 'Karimov Aziz.png': new Uint8Array(await sharpPng()) }) as Uint8Array<ArrayBuffer>,
    ])

    const parsed = await readClassList(file, photos)

    expect(parsed.rows).toHaveLength(1)
    expect(parsed.rows[0]).toMatchObject({
      classLabel: '5-A',
      photo: { type: 'image/png', width: 300, height: 400 },
    })
  })
})

describe('a class list with 50 MB of photos', { timeout: 60_000 }, () => {
  it('is read whole: every row gets its photo and nothing is refused', async () => {
    const { default: sharp } = await import('sharp')
    const photo = new Uint8Array(
      await sharp({
        create: {
          width: 600,
          height: 800,
          channels: 3,
          background: '#c8a08c',
          noise: { type: 'gaussian', mean: 128, sigma: 30 },
        },
      })
        .jpeg({ quality: 80 })
        .toBuffer(),
    )
    const count = Math.ceil((50 * 1024 * 1024) / photo.length)
    const text = ['Familiya;Ism;Jinsi', ...Array.from({ length: count }, (_, i) => `Familiya${i};Ism;Erkak`)]
    const archive = zip(Object.fromEntries(Array.from({ length: count }, (_, i) => [`${i + 2}.jpg`, photo])))
    expect(archive.length).toBeGreaterThan(50 * 1024 * 1024)
    const file = new File([text.join('\n')], '5-A.csv', { type: 'text/csv' })

    const parsed = await readClassList(file, new Blob([archive as Uint8Array<ArrayBuffer>]))

    expect(parsed.problems).toEqual([])
    expect(parsed.rows).toHaveLength(count)
    expect(parsed.rows.every((row) => row.photo?.width === 600 && row.problems.length === 0)).toBe(true)
  })
})

async function sharpPng(): Promise<Buffer> {
  const { default: sharp } = await import('sharp')
  return sharp({ create: { width: 300, height: 400, channels: 3, background: '#446688' } })
    .png()
    .toBuffer()
}
