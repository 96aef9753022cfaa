import { describe, expect, it } from 'vitest'
import { deviceError } from '../../../sim/terminal/error-table'
import { fixtureJson, fixtureText } from '../../../sim/terminal/fixture-files'
import { firmwareJson } from '../../../sim/terminal/format'

describe('error bodies and JSON the way the firmware writes them', () => {
  it('builds the captured duplicate-employee body from the official table', () => {
    expect(deviceError('employeeNoAlreadyExist', 'checkUser')).toEqual(
      fixtureJson('errors/UserInfo.Record.employeeNoAlreadyExist.reported.json'),
    )
    expect(deviceError('MessageParametersLack', 'UserInfo')).toEqual(
      fixtureJson(
        'access-terminals/ds-k1a340fwx_v1.2.7/UserInfo.Record.empty-body.error.MessageParametersLack.json',
      ),
    )
    expect(() => deviceError('noSuchCode')).toThrow()
  })

  it('prints TAB-indented JSON with a TAB after the colon, like the DS-K1T342MWX capture', () => {
    const capture = fixtureText('access-terminals/ds-k1t342mwx_v3.16.1/UserInfo.Search.MORE.json')
    const printed = firmwareJson(JSON.parse(capture))
    expect(printed.split('\n').slice(0, 4)).toEqual(capture.split('\n').slice(0, 4))
  })
})
