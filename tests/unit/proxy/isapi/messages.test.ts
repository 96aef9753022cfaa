import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  DEVICE_FAILURE_MESSAGES,
  DEVICE_STATUS_CODE_MESSAGES,
  DEVICE_SUB_STATUS_MESSAGES,
  deviceErrorMessage,
} from '../../../../shared/api/isapi-messages'
import { FIXTURES_DIR } from '../../../sim/terminal/fixture-files'

const table = readFileSync(`${FIXTURES_DIR}/reference/hikvision-isapi-error-codes.tsv`, 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => line.split('\t'))
const known = new Set(table.map((row) => row[2]))

/** The people, face and login refusals a terminal gives during enrolment (research/isapi.md §7.2). */
const MUST_EXPLAIN = [
  'employeeNoAlreadyExist',
  'deviceUserAlreadyExist',
  'employeeNoNotExist',
  'deviceUserNotExist',
  'illegalEmployeeNo',
  'deviceUserFull',
  'deviceUserAlreadyExistFace',
  'deviceFaceFull',
  'faceImagesNumError',
  'pictureFaceDetectZero',
  'multipleFaceObjectError',
  'SubpicAnalysisModelingError',
  'faceLowQulity',
  'faceResolutionOrRatioError',
  'imageGreaterThan300KB',
  'picSizeExceedError',
  'faceDataLenShort',
  'picSizeSmallError',
  'picFormatError',
  'faceDataModeling',
  'deviceBusy',
  'urlDownloadFail',
  'URLDownloadFailed',
  'MessageParametersLack',
  'badJsonContent',
  'invalidContent',
  'badJsonFormat',
  'badParameters',
  'notSupport',
  'methodNotAllowed',
  'invalidID',
  'lowPrivilege',
  'adminUserNotAllowedModify',
  'faceLibraryIDError',
  'MaxPassword attempts',
  'userNameLocked',
]

describe('device error messages for a school secretary', () => {
  it('explains every enrolment refusal of the error table in Uzbek, Russian and English', () => {
    for (const code of MUST_EXPLAIN) {
      expect(known.has(code), `${code} is in the official table`).toBe(true)
      const text = DEVICE_SUB_STATUS_MESSAGES[code]
      expect(text, code).toBeDefined()
      expect(text?.uz.length).toBeGreaterThan(10)
      expect(text?.ru.length).toBeGreaterThan(10)
      expect(text?.en.length).toBeGreaterThan(10)
    }
  })

  it('only uses sub-status codes that exist in the official table', () => {
    for (const code of Object.keys(DEVICE_SUB_STATUS_MESSAGES)) expect(known.has(code), code).toBe(true)
  })

  it('writes Uzbek oʻ/gʻ with U+02BB, never with an ASCII apostrophe or backtick', () => {
    const all = [
      ...Object.values(DEVICE_SUB_STATUS_MESSAGES),
      ...Object.values(DEVICE_STATUS_CODE_MESSAGES),
      ...Object.values(DEVICE_FAILURE_MESSAGES),
    ]
    for (const text of all) expect(text.uz).not.toMatch(/[ogOG]['`‘’]/)
  })

  it('falls back from sub-status to status code to a general refusal, and ignores case', () => {
    expect(deviceErrorMessage('EMPLOYEENOALREADYEXIST')).toBe(
      DEVICE_SUB_STATUS_MESSAGES.employeeNoAlreadyExist,
    )
    expect(deviceErrorMessage('someNewFirmwareCode', 2)).toBe(DEVICE_STATUS_CODE_MESSAGES[2])
    expect(deviceErrorMessage(undefined, undefined).en).toMatch(/refused/)
  })
})
