import { describe, expect, it } from 'vitest'
import { createApp } from '../../../../proxy/http/app'
import { ClassCreate } from '../../../../shared/api/students'
import { DeviceCreate, DevicePatch } from '../../../../shared/api/devices'
import { DeviceImportRow } from '../../../../shared/api/device-import'
import { PairRequest, TokenPatch } from '../../../../shared/api/pairing'
import { StudentEdit, StudentInput } from '../../../../shared/api/registrations'
import { admin, json, testContext } from '../../proxy/http/test-context'

const BAD: Record<string, string> = {
  NUL: 'Ali\u0000Valiyev',
  'a control character': 'Ali\u0007',
  'a line break inside': 'Ali\nValiyev',
  DEL: 'Ali\u007f',
  'a C1 control': 'Ali\u0085',
  'a right-to-left override': 'Ali\u202Eveyilav',
  'a left-to-right isolate': '\u2066Ali',
  'a right-to-left mark': 'Ali\u200F',
  'a lone high surrogate': 'Ali\uD83D',
  'a lone low surrogate': '\uDE00Ali',
}

const GOOD = ['Gʻayratjon', 'Oʼgʻiloy', "O'g'iloy", 'Алишер Навоий', 'Anna-Maria', 'Ali 😀']

const schemas = {
  'student first name': (name: string) => StudentInput.safeParse({ firstName: name, lastName: 'Valiyev' }),
  'student edit father name': (name: string) => StudentEdit.safeParse({ fatherName: name }),
  'class name': (name: string) => ClassCreate.safeParse({ name, gradeLevel: 5 }),
  'screen name when pairing': (name: string) => PairRequest.safeParse({ code: '123456', name }),
  'screen rename': (name: string) => TokenPatch.safeParse({ name }),
  'device name': (name: string) =>
    DeviceCreate.safeParse({ name, host: '127.0.0.1', username: 'admin', password: 'x' }),
  'device rename': (name: string) => DevicePatch.safeParse({ name }),
  'device import last name': (name: string) =>
    DeviceImportRow.safeParse({ employeeNo: '1', firstName: 'A', lastName: name, classId: 'c' }),
}

describe('names in the shared schemas', () => {
  for (const [schema, parse] of Object.entries(schemas)) {
    for (const [what, name] of Object.entries(BAD)) {
      it(`${schema}: refuses ${what}`, () => {
        expect(parse(name).success).toBe(false)
      })
    }
    it(`${schema}: keeps Uzbek ʻ ʼ, apostrophes, Cyrillic and emoji`, () => {
      for (const name of GOOD) expect(parse(name).success, name).toBe(true)
    })
  }

  it('answers a registration with a bidi override in the name with 400 validation_failed on that field', async () => {
    const app = createApp(testContext())
    const response = await app.request(
      '/api/registrations',
      json(
        {
          clientId: '0b9a4a1e-7f43-4c35-9f0e-2f7b2a5d1c01',
          student: { firstName: 'Ali\u202Eveyilav', lastName: 'Valiyev' },
          face: 'A'.repeat(64),
          deviceIds: ['d-1'],
        },
        admin,
      ),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { code: 'validation_failed', field: 'student.firstName' },
    })
  })
})
