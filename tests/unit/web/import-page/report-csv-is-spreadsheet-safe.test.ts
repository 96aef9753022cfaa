import { describe, expect, it } from 'vitest'
import {
  buildReport,
  csvCell,
  keepReport,
  readLastReport,
  reportCsv,
  reportFileName,
  type ReportWords,
} from '../../../../web/composables/classImportReport'
import { problem, row } from './rows'

const WORDS: ReportWords = {
  columns: {
    sheet: 'Varaq',
    row: 'Qator',
    lastName: 'Familiya',
    firstName: 'Ism',
    fatherName: 'Otasining ismi',
    phone: 'Telefon',
    className: 'Sinf',
    result: 'Natija',
    reason: 'Sabab',
  },
  imported: 'Yuklandi',
  skipped: 'Oʻtkazib yuborildi',
  problem: (code) => `[${code}]`,
}

describe('the import report', () => {
  const rows = [
    row('5-A', 2, { classId: 'c5a', fatherName: 'Anvar', phone: '+998901234567' }),
    row('5-A', 3, { classId: 'c5a', problems: [problem('photo_missing'), problem('gender_unknown')] }),
    row('6-B', 2, { lastName: '=HYPERLINK("http://x")', firstName: '+998901234567', classLabel: '6-B' }),
  ]
  const names: Record<string, string> = { c5a: '5-A sinf' }
  const report = buildReport('sinflar.xlsx', rows, (id) => (id ? (names[id] ?? '') : ''), 1_700_000_000_000)

  it('says which rows were imported and which were skipped, with every reason', () => {
    expect(report.imported).toBe(2)
    expect(report.skipped).toBe(1)
    expect(report.lines[1]).toMatchObject({ imported: false, reasons: ['photo_missing', 'gender_unknown'] })
    expect(report.lines[0]).toMatchObject({ className: '5-A sinf', fatherName: 'Anvar', imported: true })
    // a row without a mapped class still says which label it had
    expect(report.lines[2]!.className).toBe('6-B')
  })

  // ';' is quoted too: Excel in Russian and Uzbek settings splits CSV on ';'
  it('never lets a cell run as a formula in Excel', () => {
    for (const start of ['=', '+', '-', '@']) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`)
    expect(csvCell('Oʻrinboyev')).toBe('Oʻrinboyev')
    expect(csvCell(12)).toBe('12')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=1;2')).toBe(`"'=1;2"`)
  })

  it('is CSV in the reader’s words, with a BOM so Excel reads Uzbek letters', () => {
    const csv = reportCsv(report, WORDS)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const lines = csv.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe('Varaq,Qator,Familiya,Ism,Otasining ismi,Telefon,Sinf,Natija,Sabab')
    expect(lines[1]).toBe(`5-A,2,Familiya2,Ism2,Anvar,'+998901234567,5-A sinf,Yuklandi,`)
    expect(lines[2]).toBe(
      '5-A,3,Familiya3,Ism3,,,5-A sinf,Oʻtkazib yuborildi,"[photo_missing]; [gender_unknown]"',
    )
    expect(lines[3]).toBe(`6-B,2,"'=HYPERLINK(""http://x"")",'+998901234567,,,6-B,Yuklandi,`)
    expect(reportFileName(report)).toBe('sinflar-report.csv')
  })

  it('is kept after the import, so it can be downloaded later', () => {
    const store = new Map<string, string>()
    globalThis.localStorage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    } as Storage
    expect(readLastReport()).toBeNull()
    keepReport(report)
    expect(readLastReport()).toEqual(report)
    store.set('sr.import.lastReport', '{"broken":')
    expect(readLastReport()).toBeNull()
  })
})
