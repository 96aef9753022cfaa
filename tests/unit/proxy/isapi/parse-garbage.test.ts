import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  parseBody,
  readDocument,
  readJson,
  readLoginStatus,
  readOk,
  readXml,
} from '../../../../proxy/isapi/parse'
import { AppError } from '../../../../shared/errors'
import { fixtureBytes, fixtureText } from '../../../sim/terminal/fixture-files'

const ENDPOINT = '/ISAPI/AccessControl/UserInfo/Search?format=json'
const anyDoc = z.record(z.string(), z.unknown())

function failure(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected a failure')
}

const answer = (body: string | Buffer, status = 200) => ({ status, body: Buffer.from(body) })

describe('answers that are not ISAPI documents become device_bad_response naming the endpoint', () => {
  const garbage: Record<string, string | Buffer> = {
    'an HTML error page': '<!DOCTYPE html><html><head><title>Error</title></head><body>Bad</body></html>',
    'truncated JSON': '{\n\t"UserInfoSearch":\t{\n\t\t"searchID":\t"bb58',
    'truncated XML': '<?xml version="1.0"?><DeviceInfo><model>DS-K1T',
    'random bytes': Buffer.from([0x00, 0xff, 0x13, 0x37, 0x80, 0x81, 0xfe]),
    'plain text': 'Document Error: Unauthorized',
    'a JSON array': '[1,2,3]',
    'an entity bomb': '<!DOCTYPE l [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><l>&b;</l>',
    'two XML roots': '<a>1</a><b>2</b>',
    'deeply nested XML': '<a>'.repeat(5000) + '</a>'.repeat(5000),
  }
  for (const [what, body] of Object.entries(garbage)) {
    it(what, () => {
      const error = failure(() => readJson(answer(body), ENDPOINT, anyDoc))
      expect(error.code).toBe('device_bad_response')
      expect(error.message).toContain(ENDPOINT)
      expect((error.extra.details as { endpoint: string }).endpoint).toBe(ENDPOINT)
    })
  }

  it('an empty answer to a read', () => {
    expect(failure(() => readDocument(answer(''), ENDPOINT)).code).toBe('device_bad_response')
  })

  it('HTML without a DOCTYPE where an XML document was expected', () => {
    const error = failure(() => readXml(answer('<html><body>404</body></html>'), '/x', 'DeviceInfo', anyDoc))
    expect(error.code).toBe('device_bad_response')
    expect(error.message).toContain('<html>')
  })

  it('JSON where XML was expected and XML where JSON was expected', () => {
    expect(failure(() => readXml(answer('{"DeviceInfo":{}}'), '/x', 'DeviceInfo', anyDoc)).code).toBe(
      'device_bad_response',
    )
    expect(
      failure(() =>
        readJson(answer(fixtureText('access-terminals/ds-k1a340fwx_v1.2.7/deviceInfo.xml')), '/x', anyDoc),
      ).code,
    ).toBe('device_bad_response')
  })

  it('a document of the right format but the wrong shape', () => {
    const schema = z.object({ UserInfoCount: z.object({ userNumber: z.number() }) })
    const error = failure(() => readJson(answer('{"UserInfoCount":{"userNumber":"many"}}'), '/count', schema))
    expect(error.code).toBe('device_bad_response')
    expect(error.message).toContain('UserInfoCount.userNumber')
  })

  it('an HTTP error with no device status in it', () => {
    const error = failure(() => readDocument(answer('<html><body>Not Found</body></html>', 404), '/x'))
    expect(error.code).toBe('device_bad_response')
    expect(error.extra.details).toMatchObject({ httpStatus: 404 })
  })

  it('a success answer to a write that carries no ResponseStatus', () => {
    expect(failure(() => readOk(answer('{"UserInfoCount":{"userNumber":1}}'), '/w')).code).toBe(
      'device_bad_response',
    )
  })
})

describe('device refusals become device_rejected, judged by statusCode and not by HTTP status', () => {
  const cases: Array<[string, number, string]> = [
    ['errors/UserInfo.Record.employeeNoAlreadyExist.reported.json', 400, 'employeeNoAlreadyExist'],
    ['errors/invalidID.wrong-path.ds-k1a340fwx.json', 400, 'invalidID'],
    ['errors/ResponseStatus.badXmlContent.ipc.xml', 400, 'badXmlContent'],
    ['access-terminals/ds-k1a340fwx_v1.2.7/FaceInfo.Search.error.notSupport.json', 200, 'notSupport'],
    [
      'access-terminals/ds-k1a340fwx_v1.2.7/UserInfo.Record.empty-body.error.MessageParametersLack.json',
      400,
      'MessageParametersLack',
    ],
  ]
  for (const [file, status, sub] of cases) {
    it(`${sub} (HTTP ${status})`, () => {
      const error = failure(() => readOk({ status, body: fixtureBytes(file) }, ENDPOINT))
      expect(error.code).toBe('device_rejected')
      expect(error.extra.subStatusCode).toBe(sub)
      const details = error.extra.details as { messages: Record<string, string>; endpoint: string }
      expect(details.endpoint).toBe(ENDPOINT)
      expect(Object.keys(details.messages).sort()).toEqual(['en', 'ru', 'uz'])
    })
  }

  it('keeps errorCode and errorMsg (the missing node) for the caller', () => {
    const error = failure(() =>
      readOk(
        {
          status: 400,
          body: fixtureBytes(
            'access-terminals/ds-k1a340fwx_v1.2.7/UserInfo.Record.empty-body.error.MessageParametersLack.json',
          ),
        },
        '/r',
      ),
    )
    expect(error.extra.details).toMatchObject({ errorCode: 1610612761, errorMsg: 'UserInfo', statusCode: 6 })
  })

  it('accepts a ResponseStatus whose statusCode is a string, and OK with an XML answer', () => {
    const ok =
      '<ResponseStatus version="1.0"><requestURL></requestURL><statusCode>1</statusCode><statusString>OK</statusString><subStatusCode>ok</subStatusCode></ResponseStatus >'
    expect(() => readOk(answer(ok), '/door')).not.toThrow()
    expect(() =>
      readOk(answer('{"statusCode":"1","statusString":"OK","subStatusCode":"ok"}'), '/x'),
    ).not.toThrow()
  })

  it('a lock reported in an error body is device_locked, not a refusal', () => {
    const body =
      '{"statusCode":4,"statusString":"Invalid Operation","subStatusCode":"userNameLocked","errorCode":1073748505}'
    expect(failure(() => readOk(answer(body, 403), '/x')).code).toBe('device_locked')
  })
})

describe('the quirks of real documents are read, not refused', () => {
  it('namespaces of every flavour, a line break inside the root tag, no XML declaration', () => {
    for (const file of [
      'cameras-nvr/deviceInfo.ds-2cd2386g2-iu.v5.7.14.xml',
      'cameras-nvr/deviceInfo.nvr-ds-7608nxi-i2.v4.62.210.xml',
      'access-terminals/ds-k1t341am_v3.2.30/deviceInfo.xml',
    ]) {
      const doc = readXml({ status: 200, body: fixtureBytes(file) }, '/d', 'DeviceInfo', anyDoc)
      expect(typeof doc.model).toBe('string')
    }
  })

  it('TAB-indented JSON, a BOM, and Latin-1 bytes from firmware that mislabels them', () => {
    const tabbed = fixtureBytes('access-terminals/ds-k1t342mwx_v3.16.1/UserInfo.Search.MORE.json')
    expect(parseBody(tabbed, '/s').kind).toBe('json')
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])
    expect(parseBody(bom, '/s')).toEqual({ kind: 'json', doc: { a: 1 } })
    const latin1 = Buffer.from([...Buffer.from('{"name":"C'), 0xc1, ...Buffer.from('SSIA"}')])
    expect(parseBody(latin1, '/s')).toEqual({ kind: 'json', doc: { name: 'CÁSSIA' } })
  })

  it('sniffs the body whatever the suffix said: XML answered to a JSON request is still XML', () => {
    const xml = fixtureBytes('access-terminals/ds-k1a340fwx_v1.2.7/AccessControl.capabilities.xml')
    const parsed = parseBody(xml, '/ISAPI/AccessControl/capabilities?format=json')
    expect(parsed.kind === 'xml' && parsed.root).toBe('AccessControl')
  })
})

describe('401 bodies: the lock bookkeeping', () => {
  it('one wrong password: unlocked, retries left', () => {
    expect(readLoginStatus(fixtureBytes('auth/401.userCheck.unlocked-retries-left.reported.xml'))).toEqual({
      locked: false,
      retriesLeft: 4,
    })
  })

  it('locked with a countdown (`unlock` must not read as `lock`)', () => {
    const body =
      '<userCheck><statusValue>401</statusValue><statusString>Unauthorized</statusString><lockStatus>lock</lockStatus><unlockTime>210</unlockTime><retryLoginTime>0</retryLoginTime></userCheck>'
    expect(readLoginStatus(Buffer.from(body))).toEqual({ locked: true, unlockTimeSec: 210, retriesLeft: 0 })
  })

  it('the HK-ACP spelling: locked, resLockTime, retryTimes', () => {
    const body =
      '<ResponseStatus><statusCode>4</statusCode><lockStatus>locked</lockStatus><resLockTime>1737</resLockTime><retryTimes>0</retryTimes></ResponseStatus>'
    expect(readLoginStatus(Buffer.from(body))).toEqual({ locked: true, unlockTimeSec: 1737, retriesLeft: 0 })
  })

  it('a plain 401 body says nothing about locks; garbage says nothing either', () => {
    const capture = fixtureText('auth/401.digest-challenge.nvr-eri-k104-p4.http')
    const body = capture.slice(capture.indexOf('<?xml'))
    expect(readLoginStatus(Buffer.from(body))).toBeUndefined()
    expect(readLoginStatus(Buffer.from('<html>401</html'))).toBeUndefined()
    expect(readLoginStatus(Buffer.alloc(0))).toBeUndefined()
  })
})
