import ipaddr from 'ipaddr.js'
import { lanAddresses } from '../tls/lan-addresses'

/**
 * The address another screen on the LAN should open. It is the one this request came in on, except that a
 * loopback address (the admin sits at the proxy's own machine) is swapped for the machine's LAN address.
 */
export function lanOrigin(requestUrl: string, addresses: () => string[] = lanAddresses): string {
  const url = new URL(requestUrl)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (isLoopback(host)) {
    const lan = addresses().find((address) => ipaddr.parse(address).kind() === 'ipv4') ?? addresses()[0]
    if (lan) url.hostname = lan.includes(':') ? `[${lan}]` : lan
  }
  return url.origin
}

/** The HTTPS address of the app, seen from a request that reached the plain-HTTP trust page. */
export function httpsOriginFor(requestUrl: string, httpsPort: number): string {
  const url = new URL(requestUrl)
  url.protocol = 'https:'
  url.port = String(httpsPort)
  return url.origin
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true
  return ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback'
}
