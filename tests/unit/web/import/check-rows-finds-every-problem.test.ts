import { describe, expect, it } from 'vitest'
import { checkRows } from '../../../../web/import/checkRows'
import type { CheckContext, ImportRow, ParsedImport } from '../../../../web/import/types'

const PHOTO = { bytes: new Uint8Array([1]), type: 'image/jpeg' as const, width: 480, height: 640 }

let next = 1
function row(fields: Partial<ImportRow>): ImportRow {
  const rowNumber = next++
  return {
    key: `${fields.sheet ?? '5-A'}#${rowNumber}`,
    sheet: '5-A',
    rowNumber,
    lastName: 'Karimov',
    firstName: 'Aziz',
    gender: 'male',
    classLabel: '5-A',
    photo: PHOTO,
    problems: [],
    ...fields,
  }
}

function parsed(rows: ImportRow[]): ParsedImport {
  return { kind: 'xlsx', sheets: [], rows, problems: [] }
}

const CONTEXT: CheckContext = {
  classes: [
    { id: 'c-5a', name: '5-A' },
    { id: 'c-5b', name: '5-B' },
  ],
  classFor: { '5-A': 'c-5a', '5 B sinf': 'c-5b' },
  serverStudents: [{ classId: 'c-5a', lastName: 'Oʻrinboyev', firstName: 'Sardor' }],
}

function codes(rows: ImportRow[]): string[][] {
  return checkRows(parsed(rows), CONTEXT).map((checked) => checked.problems.map((problem) => problem.code))
}

describe('checkRows', () => {
  it('passes a complete row and sets its class from the mapping', () => {
    const [checked] = checkRows(parsed([row({ classLabel: '5 B sinf', phone: '90 123 45 67' })]), CONTEXT)
    expect(checked).toMatchObject({ classId: 'c-5b', phone: '+998901234567', problems: [] })
  })

  it('finds a missing name, an unknown gender, an unknown class, a bad phone', () => {
    expect(codes([row({ lastName: '' })])).toEqual([['name_missing']])
    expect(codes([row({ firstName: '' })])).toEqual([['name_missing']])
    const [unknown] = checkRows(parsed([row({ gender: undefined, genderText: 'bola' })]), CONTEXT)
    expect(unknown?.problems).toEqual([{ code: 'gender_unknown', detail: 'bola' }])
    expect(codes([row({ classLabel: '7-V' })])).toEqual([['class_unknown']])
    expect(codes([row({ phone: '12345' })])).toEqual([['phone_invalid']])
  })

  it('ignores a mapping to a class that does not exist', () => {
    const checked = checkRows(parsed([row({ classLabel: '9-Z' })]), {
      ...CONTEXT,
      classFor: { '9-Z': 'gone' },
    })
    expect(checked[0]?.classId).toBeUndefined()
    expect(checked[0]?.problems.map((problem) => problem.code)).toEqual(['class_unknown'])
  })

  it('finds a missing photo and one whose shorter side is under 240 px', () => {
    expect(codes([row({ photo: undefined })])).toEqual([['photo_missing']])
    expect(codes([row({ photo: { ...PHOTO, width: 239, height: 640 } })])).toEqual([['photo_too_small']])
    expect(codes([row({ photo: { ...PHOTO, width: 240, height: 240 } })])).toEqual([[]])
  })

  it('keeps a photo found unreadable while reading, without also calling it missing', () => {
    const problems = [{ code: 'photo_unreadable' as const, detail: 'emf' }]
    expect(codes([row({ photo: undefined, problems })])).toEqual([['photo_unreadable']])
  })

  it('marks the second of two same-named students in one class, ignoring case and apostrophe variants', () => {
    const rows = [
      row({ lastName: 'Oʻrinboyev', firstName: 'Aziz' }),
      row({ lastName: "o'rinboyev", firstName: 'AZIZ' }),
      row({ lastName: 'O`rinboyev', firstName: 'Aziz', classLabel: '5 B sinf' }),
    ]
    const checked = checkRows(parsed(rows), CONTEXT)
    expect(checked.map((r) => r.problems)).toEqual([
      [],
      [{ code: 'duplicate_in_file', detail: rows[0]?.key }],
      [],
    ])
  })

  it('finds a student the server already has in that class', () => {
    expect(
      codes([
        row({ lastName: "O'rinboyev", firstName: 'sardor' }),
        row({ lastName: "O'rinboyev", firstName: 'Sardor', classLabel: '5 B sinf' }),
      ]),
    ).toEqual([['duplicate_on_server'], []])
  })

  it('recomputes on every call and leaves the parsed rows untouched', () => {
    const rows = [row({ classLabel: '7-V', phone: '901234567' })]
    const first = checkRows(parsed(rows), CONTEXT)
    expect(first[0]?.problems.map((problem) => problem.code)).toEqual(['class_unknown'])
    const second = checkRows(parsed(rows), { ...CONTEXT, classFor: { '7-V': 'c-5a' } })
    expect(second[0]).toMatchObject({ classId: 'c-5a', problems: [] })
    expect(rows[0]).toMatchObject({ phone: '901234567', problems: [] })
    expect(rows[0]?.classId).toBeUndefined()
  })
})
