import ipaddr from 'ipaddr.js'
import { AppError } from '../../../shared/errors'
import type { HttpHost, HttpHostInput } from '../../isapi'

/** An absolute webhook URL taken apart the way a listening slot stores it. */
export interface Listener {
  protocolType: 'HTTP' | 'HTTPS'
  /** an IP literal (no brackets) or a host name */
  host: string
  isIp: boolean
  port: number
  /** path and query: `/webhook/7/in?secret=…` */
  path: string
}

export function parseListener(url: string): Listener {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new AppError('validation_failed', `"${redact(url)}" is not an absolute URL`, { field: 'url' })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('validation_failed', 'A webhook URL must start with http:// or https://', {
      field: 'url',
    })
  }
  const https = parsed.protocol === 'https:'
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1')
  return {
    protocolType: https ? 'HTTPS' : 'HTTP',
    host,
    isIp: ipaddr.isValid(host),
    port: parsed.port ? Number(parsed.port) : https ? 443 : 80,
    path: `${parsed.pathname}${parsed.search}`,
  }
}

/** What to write into slot `id` so that the device posts its events (as JSON) to `url`. */
export function slotInputFor(id: string, url: string): HttpHostInput {
  const listener = parseListener(url)
  return {
    id,
    url: listener.path,
    protocolType: listener.protocolType,
    parameterFormatType: 'JSON',
    ...(listener.isIp ? { ipAddress: listener.host } : { hostName: listener.host }),
    portNo: listener.port,
    httpAuthenticationMethod: 'none',
  }
}

/**
 * What to write to put a slot back as it was read. A slot with its own login cannot be put back (a device
 * never reads out the password), and is never one this proxy writes to in the first place.
 */
export function slotInputAsRead(slot: HttpHost): HttpHostInput {
  return {
    id: slot.id,
    url: slot.url,
    protocolType: slot.protocolType.toUpperCase() === 'HTTPS' ? 'HTTPS' : 'HTTP',
    parameterFormatType: slot.parameterFormatType.toUpperCase() === 'XML' ? 'XML' : 'JSON',
    ...(slot.addressingFormatType.toLowerCase() === 'hostname'
      ? { hostName: slot.hostName ?? '' }
      : { ipAddress: slot.ipAddress ?? '0.0.0.0' }),
    portNo: slot.portNo,
    httpAuthenticationMethod: 'none',
  }
}

const UNSET_ADDRESSES = new Set(['', '0.0.0.0', '::', '0:0:0:0:0:0:0:0'])

/** The address a slot posts to, or null for a slot nobody configured (`0.0.0.0`, port 0). */
export function slotUrl(slot: HttpHost): string | null {
  const byName = slot.addressingFormatType.toLowerCase() === 'hostname'
  const host = ((byName ? slot.hostName : slot.ipAddress) ?? slot.ipAddress ?? slot.hostName ?? '').trim()
  if (UNSET_ADDRESSES.has(host) || slot.portNo <= 0) return null
  const scheme = slot.protocolType.toLowerCase() === 'https' ? 'https' : 'http'
  const hostPart = host.includes(':') ? `[${host}]` : host
  const path = slot.url.startsWith('/') ? slot.url : `/${slot.url}`
  return new URL(`${scheme}://${hostPart}:${slot.portNo}${path}`).toString()
}

/** Same scheme, host, port, path and query, whatever the spelling (default ports, case of the host). */
export function sameListener(a: string, b: string): boolean {
  try {
    const x = new URL(a)
    const y = new URL(b)
    return (
      x.protocol === y.protocol &&
      x.hostname === y.hostname &&
      x.port === y.port &&
      x.pathname === y.pathname &&
      x.search === y.search
    )
  } catch {
    return false
  }
}

/** The path alone (no query, so a new secret still matches): how a slot of ours is recognised. */
export function listenerPath(url: string): string | null {
  try {
    return new URL(url).pathname
  } catch {
    return null
  }
}

/** A URL for messages and logs: the query (where the secret is) left out. */
export function redact(url: string): string {
  const cut = url.indexOf('?')
  return cut < 0 ? url : `${url.slice(0, cut)}?…`
}
