import { AsnConvert } from '@peculiar/asn1-schema'
import { GeneralName, GeneralSubtree, GeneralSubtrees, NameConstraints } from '@peculiar/asn1-x509'
import ipaddr from 'ipaddr.js'
import type { CertNames } from '../net/lan-addresses'

/**
 * The address ranges a school proxy can have: private networks, loopback and link-local. The CA lives for
 * ten years while the proxy's LAN address may change (a new router, DHCP), so its addresses are allowed as
 * ranges; any address it has outside them at creation is allowed on its own.
 */
const PROXY_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
]

/**
 * The DER of a NameConstraints extension (RFC 5280 4.2.1.10) that lets the local CA vouch only for the
 * proxy's own names and addresses: its host names (and their subdomains) and the ranges above. Whoever
 * gets the CA key (it sits on a school PC) cannot use it to pass for a bank or the school server on the
 * screens that trust it.
 */
export function nameConstraintsFor(names: CertNames): ArrayBuffer {
  const ranges = PROXY_RANGES.map((cidr) => ipaddr.parseCIDR(cidr))
  const outside = names.ips
    .map((ip) => ipaddr.process(ip))
    .filter((ip) => !ranges.some(([base, bits]) => base.kind() === ip.kind() && ip.match(base, bits)))
    .map((ip) => `${ip.toString()}/${ip.kind() === 'ipv4' ? 32 : 128}`)
  const subtrees = [
    ...names.dns.map((dNSName) => new GeneralName({ dNSName })),
    ...[...PROXY_RANGES, ...outside].map((iPAddress) => new GeneralName({ iPAddress })),
  ].map((base) => new GeneralSubtree({ base }))
  return AsnConvert.serialize(new NameConstraints({ permittedSubtrees: new GeneralSubtrees(subtrees) }))
}
