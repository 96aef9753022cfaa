import { describe, expect, it } from 'vitest'
import { fixtureBytes } from '../../../sim/terminal/fixture-files'
import { parseMultipart } from '../../../sim/terminal/multipart'

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xd9])

describe('multipart bodies as face terminals receive them', () => {
  it('per-part Content-Length (TIZIM layout), binary with CRLF and dashes inside', () => {
    const body = Buffer.concat([
      Buffer.from(
        '--b1\r\nContent-Disposition: form-data; name="FaceDataRecord"\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{"FPID":"1"}\r\n' +
          '--b1\r\nContent-Disposition: form-data; name="FaceImage"; filename="face.jpg"\r\nContent-Type: image/jpeg\r\nContent-Length: 10\r\n\r\n',
      ),
      jpeg,
      Buffer.from('\r\n--b1--\r\n'),
    ])
    const parts = parseMultipart(body, 'multipart/form-data; boundary=b1')
    expect(parts?.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['FaceDataRecord', undefined, 'application/json'],
      ['FaceImage', 'face.jpg', 'image/jpeg'],
    ])
    expect(parts?.[1]?.data.equals(jpeg)).toBe(true)
  })

  it('no per-part Content-Length and a quoted boundary (python-requests layout)', () => {
    const body = Buffer.concat([
      Buffer.from(
        '--xyz\r\nContent-Disposition: form-data; name="FaceDataRecord"\r\n\r\n{"a":1}\r\n--xyz\r\nContent-Disposition: form-data; name="img"; filename="f.jpg"\r\n\r\n',
      ),
      jpeg,
      Buffer.from('\r\n--xyz--\r\n'),
    ])
    const parts = parseMultipart(body, 'multipart/form-data; boundary="xyz"')
    expect(parts).toHaveLength(2)
    expect(parts?.[0]?.data.toString()).toBe('{"a":1}')
  })

  it('splits on the boundary and ignores wrong per-part lengths (the redacted alertStream capture)', () => {
    const parts = parseMultipart(
      fixtureBytes('access-terminals/ds-k1t342mwx_v3.16.1/alertStream.multipart-mixed.truncated.txt'),
      'multipart/mixed; boundary=MIME_boundary',
    )
    expect(parts?.length).toBeGreaterThan(2)
    for (const part of parts ?? []) expect(() => JSON.parse(part.data.toString())).not.toThrow()
  })

  it('no boundary, no parts', () => {
    expect(parseMultipart(Buffer.from('{}'), 'application/json')).toBeUndefined()
  })
})
