import { describe, expect, it } from 'vitest'
import {
  parseListener,
  redact,
  sameListener,
  slotInputFor,
  slotUrl,
} from '../../../../proxy/domain/webhooks/listener-url'
import type { HttpHost } from '../../../../proxy/isapi'

const slot = (over: Partial<HttpHost>): HttpHost => ({
  id: '1',
  url: '',
  protocolType: 'HTTP',
  parameterFormatType: 'XML',
  addressingFormatType: 'ipaddress',
  ipAddress: '0.0.0.0',
  portNo: 0,
  httpAuthenticationMethod: 'none',
  ...over,
})

describe('webhook URLs and listening slots', () => {
  it('splits a backend URL into what a slot stores, secret included in the path', () => {
    expect(slotInputFor('2', 'https://api.maktab.uz/webhook/7/in?secret=abc')).toEqual({
      id: '2',
      url: '/webhook/7/in?secret=abc',
      protocolType: 'HTTPS',
      parameterFormatType: 'JSON',
      hostName: 'api.maktab.uz',
      portNo: 443,
      httpAuthenticationMethod: 'none',
    })
    expect(slotInputFor('1', 'http://192.168.1.5:4000/webhook/7/out?secret=x')).toMatchObject({
      ipAddress: '192.168.1.5',
      portNo: 4000,
      protocolType: 'HTTP',
    })
    expect(parseListener('http://[fd00::5]/webhook/1/in')).toMatchObject({
      host: 'fd00::5',
      isIp: true,
      port: 80,
    })
  })

  it('refuses what is not an absolute http(s) URL', () => {
    expect(() => parseListener('/webhook/7/in')).toThrow(/absolute/)
    expect(() => parseListener('ftp://host/x')).toThrow(/http/)
  })

  it('reads a configured slot as a URL and an unconfigured one as nothing', () => {
    expect(slotUrl(slot({}))).toBeNull()
    expect(slotUrl(slot({ ipAddress: '0.0.0.0', portNo: 80, url: '/' }))).toBeNull()
    expect(slotUrl(slot({ ipAddress: '10.0.0.9', portNo: 0 }))).toBeNull()
    expect(slotUrl(slot({ ipAddress: '1.0.0.20', portNo: 8123, url: '/api/hikvision' }))).toBe(
      'http://1.0.0.20:8123/api/hikvision',
    )
    expect(
      slotUrl(
        slot({
          addressingFormatType: 'hostname',
          hostName: 'API.maktab.uz',
          protocolType: 'HTTPS',
          portNo: 443,
          url: '/w?secret=1',
        }),
      ),
    ).toBe('https://api.maktab.uz/w?secret=1')
    expect(slotUrl(slot({ ipAddress: '10.0.0.9', portNo: 80, url: '' }))).toBe('http://10.0.0.9/')
  })

  it('compares URLs by meaning: default ports and host case do not matter, the secret does', () => {
    expect(sameListener('http://a.uz:80/w/in?secret=1', 'http://A.uz/w/in?secret=1')).toBe(true)
    expect(sameListener('https://a.uz:443/w/in?secret=1', 'https://a.uz/w/in?secret=1')).toBe(true)
    expect(sameListener('http://a.uz/w/in?secret=1', 'http://a.uz/w/in?secret=2')).toBe(false)
    expect(sameListener('http://a.uz/w/in?secret=1', 'https://a.uz/w/in?secret=1')).toBe(false)
    expect(sameListener('http://a.uz/w/in', 'not a url')).toBe(false)
  })

  it('keeps secrets out of messages', () => {
    expect(redact('http://a.uz/w/in?secret=abc')).toBe('http://a.uz/w/in?…')
    expect(redact('http://a.uz/w/in')).toBe('http://a.uz/w/in')
  })
})
