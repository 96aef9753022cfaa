import { describe, expect, it } from 'vitest'
import type { Device } from '../../../../../shared/api/devices'
import { AppError } from '../../../../../shared/errors'
import {
  checkNetworkTarget,
  type NetworkMoveDeps,
} from '../../../../../proxy/domain/device-settings/network-move'

const device = { id: 'd1', name: 'Gate', host: '192.168.1.20', port: 80 } as Device
const neighbour = { id: 'd2', name: 'Hall', host: '192.168.1.30', port: 80 } as Device

function deps(): NetworkMoveDeps {
  return {
    others: [neighbour],
    checkHost: async (host) => {
      if (!host.startsWith('192.168.')) throw new AppError('host_not_allowed', `${host} is outside`)
    },
  } as NetworkMoveDeps
}

const base = { ipAddress: '192.168.1.21', subnetMask: '255.255.255.0', gateway: '192.168.1.1', dns: [] }
const refusal = (field: string) => expect.objectContaining({ code: 'validation_failed', extra: { field } })

describe('a network target is checked before anything is sent', () => {
  it('accepts an address in the allowed networks with its gateway in the same subnet', async () => {
    await expect(checkNetworkTarget(device, base, deps())).resolves.toBeUndefined()
  })

  it('refuses a gateway outside the subnet, or the device itself as its gateway', async () => {
    await expect(checkNetworkTarget(device, { ...base, gateway: '192.168.2.1' }, deps())).rejects.toEqual(
      refusal('gateway'),
    )
    await expect(checkNetworkTarget(device, { ...base, gateway: '192.168.1.21' }, deps())).rejects.toEqual(
      refusal('gateway'),
    )
  })

  it('refuses a mask that is not contiguous, and the network or broadcast address', async () => {
    await expect(checkNetworkTarget(device, { ...base, subnetMask: '255.0.255.0' }, deps())).rejects.toEqual(
      refusal('subnetMask'),
    )
    await expect(checkNetworkTarget(device, { ...base, ipAddress: '192.168.1.255' }, deps())).rejects.toEqual(
      refusal('ipAddress'),
    )
    await expect(checkNetworkTarget(device, { ...base, ipAddress: '192.168.1.0' }, deps())).rejects.toEqual(
      refusal('ipAddress'),
    )
  })

  it('refuses an address outside SR_DEVICE_NETS, or one another registered terminal has', async () => {
    await expect(
      checkNetworkTarget(
        device,
        { ipAddress: '8.8.8.9', subnetMask: '255.255.255.0', gateway: '8.8.8.1' },
        deps(),
      ),
    ).rejects.toMatchObject({ code: 'host_not_allowed' })
    await expect(
      checkNetworkTarget(device, { ...base, ipAddress: '192.168.1.30' }, deps()),
    ).rejects.toMatchObject({
      code: 'conflict',
      extra: { field: 'ipAddress' },
    })
  })

  it('lets DHCP through: the device chooses its own address', async () => {
    await expect(
      checkNetworkTarget(device, { ...base, dhcp: true, gateway: '10.9.9.9' }, deps()),
    ).resolves.toBeUndefined()
  })
})
