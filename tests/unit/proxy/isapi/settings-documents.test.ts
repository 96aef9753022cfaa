import { describe, expect, it } from 'vitest'
import { systemCapabilities, timeCapabilities } from '../../../../proxy/isapi/capabilities'
import type { Channel } from '../../../../proxy/isapi/channel'
import { countFaceLibrary } from '../../../../proxy/isapi/counts'
import { getNetworkInterfaces } from '../../../../proxy/isapi/network'
import { getNtpServers, ntpServerXml, putNtpServer } from '../../../../proxy/isapi/ntp'
import { fixtureText } from '../../../sim/terminal/fixture-files'

interface Sent {
  method: string
  path: string
  body?: string
}

/** A channel whose device answers each `METHOD path` from a table (404 for the rest), recording requests. */
function device(answers: Record<string, { status?: number; body: string }>) {
  const sent: Sent[] = []
  const channel: Channel = {
    run: (_kind, _call, work) =>
      work(
        async (req) => {
          sent.push({
            method: req.method,
            path: req.path,
            ...(req.body ? { body: req.body.toString() } : {}),
          })
          const answer = answers[`${req.method} ${req.path}`] ?? {
            status: 404,
            body: '<html>Not Found</html>',
          }
          return { status: answer.status ?? 200, body: Buffer.from(answer.body), headers: {} }
        },
        { signal: new AbortController().signal, timeoutMs: 1000, timedOut: () => false },
      ),
  }
  return { channel, sent }
}

const OK =
  '<ResponseStatus version="1.0"><statusCode>1</statusCode><statusString>OK</statusString><subStatusCode>ok</subStatusCode></ResponseStatus>'
const NOT_SUPPORT = JSON.stringify({
  statusCode: 4,
  statusString: 'Invalid Operation',
  subStatusCode: 'notSupport',
  errorCode: 1073741825,
  errorMsg: 'notSupport',
})

describe('settings documents as devices print them', () => {
  it('reads the K1A340 time capabilities fixture', async () => {
    const { channel } = device({
      'GET /ISAPI/System/time/capabilities': {
        body: fixtureText('access-terminals/ds-k1a340fwx_v1.2.7/System.time.capabilities.xml'),
      },
    })
    expect(await timeCapabilities(channel)).toEqual({ timeModes: ['NTP', 'manual'] })
  })

  it('reads isSupportNTP in either spelling, and says null for a device that 404s DeviceCap', async () => {
    const upper = device({
      'GET /ISAPI/System/capabilities': {
        body: '<DeviceCap><SysCap><NetworkCap><isSupportNTP>true</isSupportNTP></NetworkCap></SysCap></DeviceCap>',
      },
    })
    expect(await systemCapabilities(upper.channel)).toMatchObject({ ntp: true, timeCaps: null })
    expect(await systemCapabilities(device({}).channel)).toBeNull()
  })

  it('takes one NTPServer element or several, by host name, IPv4 or IPv6', async () => {
    const { channel } = device({
      'GET /ISAPI/System/time/ntpServers': {
        body:
          '<NTPServerList xmlns="http://www.isapi.org/ver20/XMLSchema">' +
          '<NTPServer><id>1</id><addressingFormatType>hostname</addressingFormatType><hostName>pool.ntp.org</hostName><portNo>123</portNo><synchronizeInterval>60</synchronizeInterval><enabled>true</enabled></NTPServer>' +
          '<NTPServer><id>2</id><addressingFormatType>ipaddress</addressingFormatType><ipAddress>0.0.0.0</ipAddress><ipv6Address>fd00::1</ipv6Address></NTPServer>' +
          '</NTPServerList>',
      },
    })
    expect(await getNtpServers(channel)).toEqual([
      expect.objectContaining({
        id: '1',
        server: 'pool.ntp.org',
        portNo: 123,
        synchronizeInterval: 60,
        enabled: true,
      }),
      expect.objectContaining({ id: '2', server: 'fd00::1', portNo: null, synchronizeInterval: null }),
    ])
  })

  it('asks ntpServers/1 when the list is refused, and says null when both are', async () => {
    const single = device({
      'GET /ISAPI/System/time/ntpServers': { status: 200, body: NOT_SUPPORT },
      'GET /ISAPI/System/time/ntpServers/1': {
        body: '<NTPServer><id>1</id><hostName>time.windows.com</hostName></NTPServer>',
      },
    })
    expect((await getNtpServers(single.channel))?.[0]?.server).toBe('time.windows.com')
    expect(await getNtpServers(device({}).channel)).toBeNull()
  })

  it('turns an NTP answer of the wrong shape into device_bad_response', async () => {
    const { channel } = device({
      'GET /ISAPI/System/time/ntpServers': { body: '<Time><timeMode>NTP</timeMode></Time>' },
    })
    await expect(getNtpServers(channel)).rejects.toMatchObject({ code: 'device_bad_response' })
  })

  it('writes the per-slot path, and the whole list where the slot path is missing', async () => {
    const slot = device({ 'PUT /ISAPI/System/time/ntpServers/1': { body: OK } })
    await putNtpServer(slot.channel, { server: 'fd00::1' })
    expect(slot.sent.map((s) => `${s.method} ${s.path}`)).toEqual(['PUT /ISAPI/System/time/ntpServers/1'])
    expect(slot.sent[0]?.body).toContain('<ipv6Address>fd00::1</ipv6Address>')

    const list = device({ 'PUT /ISAPI/System/time/ntpServers': { body: OK } })
    await putNtpServer(list.channel, { server: 'pool.ntp.org', synchronizeInterval: 30 })
    expect(list.sent.map((s) => `${s.method} ${s.path}`)).toEqual([
      'PUT /ISAPI/System/time/ntpServers/1',
      'PUT /ISAPI/System/time/ntpServers',
    ])
    expect(list.sent[1]?.body).toContain('<NTPServerList')
    expect(list.sent[1]?.body).toContain('<synchronizeInterval>30</synchronizeInterval>')
  })

  it('refuses a host name with markup before it reaches the XML', () => {
    expect(() => ntpServerXml({ server: 'a<b>' })).toThrow(/NTP server/)
  })

  it('reads a network list with the MAC beside IPAddress and an MTU with bounds', async () => {
    const { channel } = device({
      'GET /ISAPI/System/Network/interfaces': {
        body:
          '<NetworkInterfaceList><NetworkInterface><id>1</id><IPAddress><addressingType>dynamic</addressingType>' +
          '<ipAddress>192.168.1.20</ipAddress><PrimaryDNS><ipAddress>0.0.0.0</ipAddress></PrimaryDNS></IPAddress>' +
          '<MACAddress>e0:ca:3c:eb:54:f1</MACAddress><Link><MTU min="1500" max="1500">1500</MTU></Link></NetworkInterface></NetworkInterfaceList>',
      },
    })
    expect(await getNetworkInterfaces(channel)).toEqual([
      {
        id: '1',
        addressingType: 'dynamic',
        ipAddress: '192.168.1.20',
        dns: [],
        macAddress: 'e0:ca:3c:eb:54:f1',
        mtu: 1500,
      },
    ])
  })

  it('counts faces from either FDLib/Count shape, and says null where the library is refused', async () => {
    const path = 'GET /ISAPI/Intelligent/FDLib/Count?format=json&FDID=1&faceLibType=blackFD'
    const list = device({
      [path]: {
        body: JSON.stringify({
          FDRecordDataInfo: [
            { FDID: '2', faceLibType: 'infraredFD', recordDataNumber: 1 },
            { FDID: '1', faceLibType: 'blackFD', recordDataNumber: 42 },
          ],
        }),
      },
    })
    expect(await countFaceLibrary(list.channel)).toEqual({ fdid: '1', faceLibType: 'blackFD', faces: 42 })
    const refused = device({ [path]: { status: 403, body: NOT_SUPPORT } })
    expect(await countFaceLibrary(refused.channel)).toBeNull()
  })
})
