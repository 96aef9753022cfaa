import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { certNames, lanAddresses } from '../../../../proxy/net/lan-addresses'

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({
    address,
    family,
    internal,
    netmask: '',
    mac: '',
    cidr: null,
    ...(family === 'IPv6' ? { scopeid: 0 } : {}),
  }) as NetworkInterfaceInfo

describe('names the server certificate covers', () => {
  it('takes every LAN address but not loopback or IPv6 link-local ones', () => {
    const addresses = lanAddresses({
      lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
      eth0: [
        iface('192.168.1.20', 'IPv4'),
        iface('fe80::1c2:3ff:fe44:5566', 'IPv6'),
        iface('fd12::20', 'IPv6'),
      ],
      wlan0: [iface('10.5.0.7', 'IPv4')],
    })
    expect(addresses).toEqual(['10.5.0.7', '192.168.1.20', 'fd12::20'])
  })

  it('adds loopback, localhost, the host name and its .local name', () => {
    expect(certNames(['192.168.1.20', 'fd12::20'], 'School-Proxy')).toEqual({
      ips: ['0:0:0:0:0:0:0:1', '127.0.0.1', '192.168.1.20', 'fd12:0:0:0:0:0:0:20'],
      dns: ['localhost', 'school-proxy', 'school-proxy.local'],
    })
  })

  it('does not double a name that already ends in .local', () => {
    expect(certNames([], 'proxy.local').dns).toEqual(['localhost', 'proxy.local'])
  })
})
