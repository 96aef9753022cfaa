import ipaddr from 'ipaddr.js'
import type { Device } from '../../../shared/api/devices'
import type { Ipv4State, NetworkWrite, NetworkWriteResult } from '../../../shared/api/device-settings'
import { NetworkWrite as NetworkWriteSchema } from '../../../shared/api/device-settings'
import { AppError } from '../../../shared/errors'
import { ipv4Of, withIpv4, type IsapiClient, type IsapiTimeouts, type ResourceDoc } from '../../isapi'

const PORT = '1'

export interface NetworkMoveDeps {
  /** the device's usual client, at its registered address */
  client: IsapiClient
  /** a throw-away client to the device at another address */
  clientAt: (host: string, timeouts: Partial<IsapiTimeouts>) => IsapiClient
  /** the other registered devices, to refuse an address one of them has */
  others: Device[]
  /** `host_not_allowed` unless the address lies in SR_DEVICE_NETS */
  checkHost: (host: string) => Promise<void>
  /** moves the device in the registry once it was found at its new address */
  moveRegistry: (host: string) => Promise<void>
  /** how long to look for the device at its new address */
  waitMs: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', message, { field })
}

/** The checks made before anything is sent: a wrong network write cuts the terminal off. */
export async function checkNetworkTarget(
  device: Device,
  want: NetworkWrite,
  deps: NetworkMoveDeps,
): Promise<void> {
  const input = NetworkWriteSchema.parse(want)
  if (input.dhcp) return
  const prefix = ipaddr.IPv4.parse(input.subnetMask).prefixLengthFromSubnetMask()
  if (prefix === null || prefix === 0 || prefix > 30) {
    throw invalid('subnetMask', 'The subnet mask must be a contiguous mask between /1 and /30')
  }
  const ip = ipaddr.IPv4.parse(input.ipAddress)
  const network = ipaddr.IPv4.networkAddressFromCIDR(`${input.ipAddress}/${prefix}`).toString()
  const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(`${input.ipAddress}/${prefix}`).toString()
  if (input.ipAddress === network || input.ipAddress === broadcast) {
    throw invalid('ipAddress', `${input.ipAddress} is the network's own or broadcast address`)
  }
  if (!ipaddr.IPv4.parse(input.gateway).match(ip, prefix)) {
    throw invalid('gateway', `The gateway ${input.gateway} is not in ${network}/${prefix}`)
  }
  if (input.gateway === input.ipAddress) throw invalid('gateway', 'The gateway cannot be the device itself')
  await deps.checkHost(input.ipAddress)
  const taken = deps.others.find((other) => other.host === input.ipAddress && other.port === device.port)
  if (taken) {
    throw new AppError(
      'conflict',
      `${input.ipAddress}:${device.port} is already registered as "${taken.name}"`,
      {
        field: 'ipAddress',
      },
    )
  }
}

function targetOf(before: Ipv4State, input: ReturnType<typeof NetworkWriteSchema.parse>): Ipv4State {
  if (input.dhcp) return { ...before, addressingType: 'dynamic', dns: input.dns }
  return {
    addressingType: 'static',
    ipAddress: input.ipAddress,
    subnetMask: input.subnetMask,
    gateway: input.gateway,
    dns: input.dns,
  }
}

function kept(after: Ipv4State, target: Ipv4State): boolean {
  if (after.addressingType !== target.addressingType) return false
  if (target.addressingType === 'dynamic') return after.dns.join(',') === target.dns.join(',')
  return (
    after.ipAddress === target.ipAddress &&
    after.subnetMask === target.subnetMask &&
    after.gateway === target.gateway &&
    after.dns.join(',') === target.dns.join(',')
  )
}

type Search = { found: true; client: IsapiClient } | { found: false; otherSerial: string | null }

/**
 * Asks `deviceInfo` at `host` until the same serial number answers or the time is up. A connection refused or
 * a timeout is expected while the terminal brings its port up again; a different serial means another device
 * has that address.
 */
async function findAt(
  host: string,
  serial: string | null,
  untilMs: number,
  deps: NetworkMoveDeps,
): Promise<Search> {
  let otherSerial: string | null = null
  for (;;) {
    const left = untilMs - deps.now()
    if (left <= 0) return { found: false, otherSerial }
    const client = deps.clientAt(host, { connectMs: Math.min(2_000, left), readMs: Math.min(4_000, left) })
    try {
      const info = await client.deviceInfo()
      if (serial === null || info.serialNumber === serial) return { found: true, client }
      otherSerial = info.serialNumber ?? ''
    } catch {
      // not there yet
    }
    await client.close().catch(() => undefined)
    await deps.sleep(Math.min(500, Math.max(0, untilMs - deps.now())))
  }
}

async function ipv4At(client: IsapiClient): Promise<{ resource: ResourceDoc; state: Ipv4State }> {
  const resource = await client.getIpv4(PORT)
  if (!resource)
    throw new AppError('device_bad_response', 'The device no longer answers its network settings')
  return { resource, state: ipv4Of(resource) }
}

/**
 * Writes a port's IPv4 settings and follows the terminal to its new address. Order: checks → snapshot →
 * write → look for the same serial at the new address (bounded) → read back there → registry moved. A
 * read-back that differs puts the snapshot back and follows the terminal home; a terminal that never shows
 * up is `device_lost_after_move`, with the old and new addresses and what to do (it does not go back).
 */
export async function moveNetwork(
  device: Device,
  want: NetworkWrite,
  deps: NetworkMoveDeps,
): Promise<NetworkWriteResult> {
  const input = NetworkWriteSchema.parse(want)
  await checkNetworkTarget(device, input, deps)
  const snapshot = await deps.client.getIpv4(PORT)
  if (!snapshot) {
    throw new AppError('device_rejected', 'This device model does not let its network be set remotely', {
      subStatusCode: 'notSupport',
      details: { reason: 'not_supported' },
    })
  }
  if (input.dhcp) {
    const caps = await deps.client.ipv4Capabilities(PORT).catch(() => null)
    if (caps && caps.addressingTypes.length > 0 && !caps.addressingTypes.includes('dynamic')) {
      throw invalid('dhcp', `This device offers only ${caps.addressingTypes.join(', ')} addressing`)
    }
  }
  const serial = (await deps.client.deviceInfo()).serialNumber ?? null
  const before = ipv4Of(snapshot)
  const target = targetOf(before, input)
  const oldHost = device.host
  const newHost = target.addressingType === 'static' ? target.ipAddress : oldHost
  const previousAddress = { host: oldHost, port: device.port }
  // a refusal here changed nothing: it is passed on with the device's reason
  await deps.client.writeResource(withIpv4(snapshot, target))
  await deps.client.close().catch(() => undefined)

  const started = deps.now()
  const search = await findAt(newHost, serial, started + deps.waitMs, deps)
  if (!search.found) {
    const home =
      newHost === oldHost
        ? search
        : await findAt(oldHost, serial, deps.now() + Math.min(5_000, deps.waitMs), deps)
    if (home.found) {
      const { state } = await ipv4At(home.client).finally(() => void home.client.close())
      throw new AppError(
        'device_not_applied',
        `The device answered OK but is still at ${oldHost} with its old network settings`,
        {
          details: {
            expected: target,
            actual: state,
            before,
            restored: true,
            previousAddress,
            serialNumber: serial,
          },
        },
      )
    }
    throw new AppError(
      'device_lost_after_move',
      `The device took ${newHost} but did not answer there with serial ${serial ?? '(unknown)'} within ` +
        `${Math.round(deps.waitMs / 1000)} s` +
        (search.otherSerial !== null
          ? ` (another device, serial ${search.otherSerial}, answers there)`
          : '') +
        `. It is not at ${oldHost} either; most terminals do not go back by themselves: check the address on ` +
        `its screen, then correct it on the Devices page. The registry still says ${oldHost}.`,
      {
        details: {
          before,
          expected: target,
          previousAddress,
          newAddress: { host: newHost, port: device.port },
          serialNumber: serial,
          otherSerial: search.otherSerial,
          waitedSec: Math.round((deps.now() - started) / 1000),
        },
      },
    )
  }

  try {
    const { resource, state: after } = await ipv4At(search.client)
    if (!kept(after, target)) {
      await search.client.writeResource({ ...resource, doc: snapshot.doc })
      await search.client.close()
      const back = await findAt(oldHost, serial, deps.now() + deps.waitMs, deps)
      const restored = back.found && kept(ipv4Of((await ipv4At(back.client)).resource), before)
      if (back.found) await back.client.close()
      if (!restored && newHost !== oldHost) await deps.moveRegistry(newHost)
      throw new AppError(
        'device_not_applied',
        'The device moved but did not keep the network settings asked for',
        {
          details: {
            expected: target,
            actual: after,
            before,
            restored,
            previousAddress,
            serialNumber: serial,
          },
        },
      )
    }
    if (newHost !== oldHost) await deps.moveRegistry(newHost)
    return {
      before,
      after,
      address: { host: newHost, port: device.port },
      previousAddress,
      serialNumber: serial,
      verified: true,
    }
  } finally {
    await search.client.close().catch(() => undefined)
  }
}
