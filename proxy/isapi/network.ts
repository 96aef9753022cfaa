import { z } from 'zod'
import type { CallOptions, Channel } from './channel'
import { readOptional } from './capabilities'
import { deviceBadResponse } from './errors'
import { validate, xmlText } from './parse'
import { readResource, type ResourceDoc } from './resource'
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

/** The IPv4 settings of one port, as the settings page edits them. */
export interface Ipv4Settings {
  /** `static`, or `dynamic` (DHCP) */
  addressingType: string
  ipAddress: string
  subnetMask: string
  gateway: string
  /** primary then secondary; empty ones left out */
  dns: string[]
}

export function ipAddressPath(portId: string): string {
  return `${INTERFACES}/${portId}/ipAddress`
}

const text = (value: unknown): string => xmlText(value)?.trim() ?? ''
const inner = (node: unknown): Record<string, unknown> =>
  typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : {}

/** The `<IPAddress>` document's IPv4 members (the same shape as inside `NetworkInterface`). */
export function ipv4Of(resource: ResourceDoc): Ipv4Settings {
  const doc = resource.doc
  const dns = [text(inner(doc.PrimaryDNS).ipAddress), text(inner(doc.SecondaryDNS).ipAddress)].filter(
    (address) => address !== '' && address !== '0.0.0.0',
  )
  return {
    addressingType: text(doc.addressingType) || 'static',
    ipAddress: text(doc.ipAddress),
    subnetMask: text(doc.subnetMask),
    gateway: text(inner(doc.DefaultGateway).ipAddress),
    dns,
  }
}

/** The document with new IPv4 members; every other member the firmware printed is kept as it was. */
export function withIpv4(resource: ResourceDoc, next: Ipv4Settings): ResourceDoc {
  const doc: Record<string, unknown> = {
    ...resource.doc,
    ipVersion: text(resource.doc.ipVersion) || 'v4',
    addressingType: next.addressingType,
  }
  if (next.addressingType === 'static') {
    doc.ipAddress = next.ipAddress
    doc.subnetMask = next.subnetMask
    doc.DefaultGateway = { ...inner(resource.doc.DefaultGateway), ipAddress: next.gateway }
  }
  doc.PrimaryDNS = { ...inner(resource.doc.PrimaryDNS), ipAddress: next.dns[0] ?? '0.0.0.0' }
  doc.SecondaryDNS = { ...inner(resource.doc.SecondaryDNS), ipAddress: next.dns[1] ?? '0.0.0.0' }
  return { ...resource, doc }
}

/**
 * `GET /ISAPI/System/Network/interfaces/<id>/ipAddress` (XML `<IPAddress>`), or `null` when the model does
 * not let it be read here. No fixture holds it; the members are those of the interfaces list above.
 */
export async function getIpv4(ch: Channel, portId: string, call?: CallOptions): Promise<ResourceDoc | null> {
  const resource = await readResource(ch, ipAddressPath(portId), call)
  if (resource && (resource.format !== 'xml' || resource.root !== 'IPAddress')) {
    throw deviceBadResponse(ipAddressPath(portId), 'expected XML <IPAddress>')
  }
  return resource
}

/** `ipAddress/capabilities`: the addressing types offered (`addressingType opt="static,dynamic"`). */
export async function ipv4Capabilities(
  ch: Channel,
  portId: string,
  call?: CallOptions,
): Promise<{ addressingTypes: string[] } | null> {
  const caps = await readResource(ch, `${ipAddressPath(portId)}/capabilities`, call)
  if (!caps || caps.format !== 'xml') return null
  const opt = text(inner(caps.doc.addressingType)['@opt'])
  return {
    addressingTypes: opt
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean),
  }
}
