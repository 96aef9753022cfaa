import { z } from 'zod'
import type { CallOptions, Channel } from './channel'
import { readOptional } from './capabilities'
import { deviceBadResponse } from './errors'
import { validate } from './parse'
import { int, list, str } from './schemas'

const INTERFACES = '/ISAPI/System/Network/interfaces'

/** One network port as the device reports it; read-only here (a wrong write cuts the device off). */
export interface NetworkInterface {
  id: string
  ipVersion?: string
  /** `static` or `dynamic` (DHCP) */
  addressingType?: string
  ipAddress?: string
  subnetMask?: string
  gateway?: string
  dns: string[]
  macAddress?: string
  speedMbps?: number
  duplex?: string
  mtu?: number
}

const Address = z.object({ ipAddress: str.optional() }).partial()

const InterfaceDoc = z.object({
  id: str,
  IPAddress: z
    .object({
      ipVersion: str.optional(),
      addressingType: str.optional(),
      ipAddress: str.optional(),
      subnetMask: str.optional(),
      DefaultGateway: Address.optional(),
      PrimaryDNS: Address.optional(),
      SecondaryDNS: Address.optional(),
    })
    .partial()
    .optional(),
  Link: z
    .object({
      MACAddress: str.optional(),
      speed: int.optional(),
      duplex: str.optional(),
      MTU: z.union([int, z.object({ '#text': int })]).optional(),
    })
    .partial()
    .optional(),
  // a few firmwares put the MAC beside IPAddress instead of inside Link
  MACAddress: str.optional(),
})

const ListDoc = z.object({ NetworkInterface: list(InterfaceDoc) })

/**
 * `GET /ISAPI/System/Network/interfaces` (XML), or `null` when the model lacks it. No fixture holds this
 * answer; the shape is the DS-K1A340FWX observation write-up's ("Network Interfaces", `IPAddress` + `Link`).
 */
export async function getNetworkInterfaces(
  ch: Channel,
  call?: CallOptions,
): Promise<NetworkInterface[] | null> {
  return readOptional(ch, INTERFACES, call, (parsed) => {
    if (parsed.kind !== 'xml' || parsed.root !== 'NetworkInterfaceList') {
      throw deviceBadResponse(INTERFACES, 'expected XML <NetworkInterfaceList>')
    }
    return validate(parsed.doc, INTERFACES, ListDoc).NetworkInterface.map(toInterface)
  })
}

function toInterface(doc: z.output<typeof InterfaceDoc>): NetworkInterface {
  const ip = doc.IPAddress ?? {}
  const link = doc.Link ?? {}
  const mtu = typeof link.MTU === 'object' ? link.MTU['#text'] : link.MTU
  const mac = link.MACAddress ?? doc.MACAddress
  const dns = [ip.PrimaryDNS?.ipAddress, ip.SecondaryDNS?.ipAddress].filter(
    (address): address is string => !!address && address !== '0.0.0.0',
  )
  return {
    id: doc.id,
    ...(ip.ipVersion !== undefined ? { ipVersion: ip.ipVersion } : {}),
    ...(ip.addressingType !== undefined ? { addressingType: ip.addressingType } : {}),
    ...(ip.ipAddress !== undefined ? { ipAddress: ip.ipAddress } : {}),
    ...(ip.subnetMask !== undefined ? { subnetMask: ip.subnetMask } : {}),
    ...(ip.DefaultGateway?.ipAddress ? { gateway: ip.DefaultGateway.ipAddress } : {}),
    dns,
    ...(mac !== undefined ? { macAddress: mac } : {}),
    ...(link.speed !== undefined ? { speedMbps: link.speed } : {}),
    ...(link.duplex !== undefined ? { duplex: link.duplex } : {}),
    ...(mtu !== undefined ? { mtu } : {}),
  }
}
