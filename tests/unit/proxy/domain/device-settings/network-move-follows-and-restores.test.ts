import { describe, expect, it } from 'vitest'
import type { Device } from '../../../../../shared/api/devices'
import { moveNetwork, type NetworkMoveDeps } from '../../../../../proxy/domain/device-settings/network-move'
import type { IsapiClient, ResourceDoc } from '../../../../../proxy/isapi'

const SERIAL = 'DS-K1T342MWX0001'
const device = { id: 'd1', name: 'Gate', host: '192.168.1.20', port: 80 } as Device

function ipDoc(ip: string, dns: string): ResourceDoc {
  return {
    path: '/ISAPI/System/Network/interfaces/1/ipAddress',
    format: 'xml',
    root: 'IPAddress',
    doc: {
      ipVersion: 'v4',
      addressingType: 'static',
      ipAddress: ip,
      subnetMask: '255.255.255.0',
      DefaultGateway: { ipAddress: '192.168.1.1' },
      PrimaryDNS: { ipAddress: dns },
      SecondaryDNS: { ipAddress: '0.0.0.0' },
    },
  }
}

/**
 * A terminal on a fake network: it lives at one address, answers there only, and moves when a document
 * with another address is written. `dropsDns` models firmware that keeps the address but not the DNS.
 */
function fakeNetwork(options: { dropsDns?: boolean } = {}) {
  const terminal = { at: device.host, doc: ipDoc(device.host, '192.168.1.1'), writes: [] as ResourceDoc[] }
  const clientFor = (host: string) =>
    ({
      async deviceInfo() {
        if (host !== terminal.at) throw new Error('ECONNREFUSED')
        return { serialNumber: SERIAL }
      },
      async getIpv4() {
        if (host !== terminal.at) throw new Error('ECONNREFUSED')
        return terminal.doc
      },
      async writeResource(doc: ResourceDoc) {
        if (host !== terminal.at) throw new Error('ECONNREFUSED')
        terminal.writes.push(doc)
        const kept =
          options.dropsDns && terminal.writes.length === 1
            ? { ...doc.doc, PrimaryDNS: { ipAddress: '0.0.0.0' } }
            : doc.doc
        terminal.doc = { ...doc, doc: kept }
        terminal.at = String(doc.doc.ipAddress)
      },
      async close() {},
    }) as unknown as IsapiClient
  const moved: string[] = []
  let clock = 0
  const deps: NetworkMoveDeps = {
    client: clientFor(device.host),
    clientAt: (host) => clientFor(host),
    others: [],
    checkHost: async () => {},
    moveRegistry: async (host) => void moved.push(host),
    waitMs: 5_000,
    now: () => clock,
    sleep: async (ms) => void (clock += ms),
  }
  return { terminal, deps, moved }
}

const want = {
  ipAddress: '192.168.1.21',
  subnetMask: '255.255.255.0',
  gateway: '192.168.1.1',
  dns: ['192.168.1.1'],
}

describe('a network write follows the terminal', () => {
  it('moves the registry once the same serial answers at the new address with what was asked', async () => {
    const net = fakeNetwork()
    const result = await moveNetwork(device, want, net.deps)
    expect(result).toMatchObject({
      address: { host: '192.168.1.21' },
      previousAddress: { host: '192.168.1.20' },
    })
    expect(net.moved).toEqual(['192.168.1.21'])
  })

  it('puts the snapshot back through the new address and follows the terminal home on a mismatch', async () => {
    const net = fakeNetwork({ dropsDns: true })
    await expect(moveNetwork(device, want, net.deps)).rejects.toMatchObject({
      code: 'device_not_applied',
      extra: { details: { restored: true, actual: { dns: [] }, before: { ipAddress: '192.168.1.20' } } },
    })
    expect(net.terminal.at).toBe('192.168.1.20')
    expect(net.terminal.writes.map((doc) => doc.doc.ipAddress)).toEqual(['192.168.1.21', '192.168.1.20'])
    expect(net.moved).toEqual([])
  })
})
