import { describe, expect, it } from 'vitest'
import { parseProbeMatch, probeXml } from '../../../../proxy/isapi/sadp'

const MATCH = `<?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Uuid>A</Uuid><Types>inquiry</Types>
<DeviceType>605</DeviceType><DeviceDescription>DS-K1T342MWX</DeviceDescription>
<DeviceSN>DS-K1T342MWX0120240528V031601ENAB1234567</DeviceSN><CommandPort>8000</CommandPort>
<HttpPort>80</HttpPort><MAC>ac-b9-2f-12-34-56</MAC><IPv4Address>192.0.2.64</IPv4Address>
<IPv4SubnetMask>255.255.255.0</IPv4SubnetMask><IPv4Gateway>192.0.2.1</IPv4Gateway><DHCP>false</DHCP>
<SoftwareVersion>V3.16.1build 240528</SoftwareVersion><Activated>false</Activated></ProbeMatch>`

describe('a SADP answer', () => {
  it('gives the serial, model, MAC (colons, upper case), address, web port, firmware and activation', () => {
    expect(parseProbeMatch(Buffer.from(MATCH))).toEqual({
      serial: 'DS-K1T342MWX0120240528V031601ENAB1234567',
      model: 'DS-K1T342MWX',
      mac: 'AC:B9:2F:12:34:56',
      ipv4: '192.0.2.64',
      subnetMask: '255.255.255.0',
      gateway: '192.0.2.1',
      httpPort: 80,
      firmware: 'V3.16.1build 240528',
      activated: false,
      dhcp: false,
    })
  })

  it('is ignored when it is our own probe echoed, another protocol, an entity trick or half a record', () => {
    expect(parseProbeMatch(Buffer.from(probeXml('X')))).toBeNull()
    expect(parseProbeMatch(Buffer.from('M-SEARCH * HTTP/1.1\r\n'))).toBeNull()
    expect(parseProbeMatch(Buffer.from(`<!DOCTYPE x [<!ENTITY a "b">]>${MATCH}`))).toBeNull()
    expect(parseProbeMatch(Buffer.from(MATCH.replace(/<IPv4Address>.*<\/IPv4Address>/, '')))).toBeNull()
    expect(parseProbeMatch(Buffer.from('<ProbeMatch><DeviceSN>'))).toBeNull()
  })

  it('has no web port when it announces none or nonsense', () => {
    expect(parseProbeMatch(Buffer.from(MATCH.replace('<HttpPort>80', '<HttpPort>0')))?.httpPort).toBeNull()
  })
})
