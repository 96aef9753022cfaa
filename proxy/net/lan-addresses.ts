import ipaddr from 'ipaddr.js'
import { hostname as osHostname, networkInterfaces } from 'node:os'

/** The names and addresses the server certificate must cover for screens on the LAN to trust it. */
export interface CertNames {
  ips: string[]
  dns: string[]
}

/**
 * Every address other machines could reach this one at right now. IPv6 link-local addresses are left out:
 * browsers cannot put a zone id in a URL, so nobody could open the app by them.
 */
export function lanAddresses(interfaces = networkInterfaces()): string[] {
  const found = new Set<string>()
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue
      if (entry.family === 'IPv6' && entry.address.toLowerCase().startsWith('fe80:')) continue
      found.add(entry.address)
    }
  }
  return [...found].sort()
}

/** LAN addresses plus loopback and the machine's names, sorted so two sets compare as strings. */
export function certNames(addresses = lanAddresses(), hostname = osHostname()): CertNames {
  const host = hostname.toLowerCase()
  const dns = new Set(['localhost'])
  if (host && host !== 'localhost') {
    dns.add(host)
    if (!host.endsWith('.local')) dns.add(`${host.split('.')[0]}.local`)
  }
  return {
    ips: [...new Set([...addresses, '127.0.0.1', '::1'])].map(normalizeIp).sort(),
    dns: [...dns].sort(),
  }
}

/** The spelling Node's X509Certificate uses in `subjectAltName`, so stored and wanted sets compare. */
export function normalizeIp(ip: string): string {
  return ipaddr.parse(ip).toNormalizedString()
}
