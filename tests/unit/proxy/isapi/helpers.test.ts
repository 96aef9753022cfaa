import { describe, expect, it } from 'vitest'
import { facePath } from '../../../../proxy/isapi/faces'
import { hostXml } from '../../../../proxy/isapi/hosts'
import { formatDeviceTime, posixTimeZone, utcOffsetFromPosix } from '../../../../proxy/isapi/system'
import { checkEmployeeNo, userDocument } from '../../../../proxy/isapi/users'
import { AppError } from '../../../../shared/errors'

describe('device time zones (POSIX style, sign inverted)', () => {
  it('converts both ways, DST rules ignored', () => {
    expect(posixTimeZone(300)).toBe('CST-5:00:00')
    expect(posixTimeZone(-240)).toBe('CST+4:00:00')
    expect(posixTimeZone(330)).toBe('CST-5:30:00')
    expect(utcOffsetFromPosix('CST-3:00:00')).toBe(180)
    expect(utcOffsetFromPosix('CST+4')).toBe(-240)
    expect(utcOffsetFromPosix('CST-8:00:00DST00:30:00,M4.1.0/02:00:00,M10.5.0/02:00:00')).toBe(480)
    expect(utcOffsetFromPosix('garbage')).toBeNull()
  })

  it('prints local time with its offset, as the device does', () => {
    expect(formatDeviceTime(Date.UTC(2026, 0, 1, 3, 0, 0), 300)).toBe('2026-01-01T08:00:00+05:00')
    expect(formatDeviceTime(Date.UTC(2026, 0, 1, 3, 0, 0), -240)).toBe('2025-12-31T23:00:00-04:00')
  })
})

describe('faceURL paths', () => {
  it('keeps only the path and query, whatever the host', () => {
    expect(facePath('https://DEVICE_HOST/LOCALS/pic/enrlFace/0/0000000001.jpg@WEB000000000015')).toBe(
      '/LOCALS/pic/enrlFace/0/0000000001.jpg@WEB000000000015',
    )
    expect(
      facePath('http://condroyal2026.ddns-inte/LOCALS/pic/enrlFace/0/0000000383.jpg@WEB000000002251'),
    ).toBe('/LOCALS/pic/enrlFace/0/0000000383.jpg@WEB000000002251')
    expect(facePath('http://192.168.1.7:80/LOCALS/pic/a.jpg?token=1')).toBe('/LOCALS/pic/a.jpg?token=1')
    expect(facePath('/LOCALS/pic/a.jpg')).toBe('/LOCALS/pic/a.jpg')
  })

  it('refuses what has no usable path', () => {
    for (const bad of ['', 'not a url', 'http://host', 'http://host/with space.jpg', 'javascript:alert(1)']) {
      expect(() => facePath(bad), bad).toThrow(AppError)
    }
  })
})

describe('documents the client writes', () => {
  it('a person gets door rights and a permanent local validity by default', () => {
    expect(userDocument({ employeeNo: '12345', name: 'Full Name' })).toEqual({
      UserInfo: {
        employeeNo: '12345',
        name: 'Full Name',
        userType: 'normal',
        Valid: {
          enable: true,
          beginTime: '2020-01-01T00:00:00',
          endTime: '2037-12-31T23:59:59',
          timeType: 'local',
        },
        doorRight: '1',
        RightPlan: [{ doorNo: 1, planTemplateNo: '1' }],
      },
    })
  })

  it('person numbers: 1–32 bytes, no spaces', () => {
    expect(checkEmployeeNo('00123')).toBe('00123')
    for (const bad of ['', ' 1', '1 2', 'x'.repeat(33), 'a\u0000', 42])
      expect(() => checkEmployeeNo(bad)).toThrow(AppError)
  })

  it('escapes the listening host values into XML', () => {
    const xml = hostXml({ id: '1', url: '/hook?a=1&b=<2>', ipAddress: '192.168.1.2', portNo: 8088 })
    expect(xml).toContain('<url>/hook?a=1&amp;b=&lt;2&gt;</url>')
    expect(xml).toContain(
      '<addressingFormatType>ipaddress</addressingFormatType><ipAddress>192.168.1.2</ipAddress>',
    )
    expect(() => hostXml({ id: '1', url: '/', portNo: 80 })).toThrow(AppError)
    expect(() => hostXml({ id: '1', url: '/', ipAddress: '10.0.0.1', portNo: 70000 })).toThrow(AppError)
  })
})
