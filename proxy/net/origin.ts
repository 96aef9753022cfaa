import ipaddr from 'ipaddr.js'
import { lanAddresses } from './lan-addresses'

/**
 * The address another screen on the LAN should open. It is the one this request came in on, except that a
 * loopback address (the admin sits at the proxy's own machine) is swapped for the machine's LAN address,
 * and only when the proxy listens there too (`listenHost` 0.0.0.0 or ::): a proxy bound to 127.0.0.1
 * would refuse a LAN address, so its own address is given.
 */
export function lanOrigin(
  requestUrl: string,
  listenHost = '0.0.0.0',
  addresses: () => string[] = lanAddresses,
): string {
  const url = new URL(requestUrl)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const everywhere = listenHost === '0.0.0.0' || listenHost === '::'
  if (isLoopback(host) && everywhere) {
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
