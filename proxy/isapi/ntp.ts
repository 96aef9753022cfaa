import { isIP } from 'node:net'
import { z } from 'zod'
import type { CallOptions, Channel, Send } from './channel'
import { isAbsent, readOptional } from './capabilities'
import { deviceBadResponse, invalidInput } from './errors'
import { readOk, validate, type Parsed } from './parse'
import { list, str } from './schemas'
import { xmlElements } from './xml'

const LIST = '/ISAPI/System/time/ntpServers'
const NAMESPACE = 'http://www.isapi.org/ver20/XMLSchema'

/** `PUT` range of `synchronizeInterval`, in minutes (HK-VALUE 13.1.6.4). */
export const NTP_INTERVAL_MIN = 1
export const NTP_INTERVAL_MAX = 10_800

/** One NTP server slot as the device reports it. */
export interface NtpServer {
  id: string
  addressingFormatType: string
  hostName?: string
  ipAddress?: string
  portNo: number | null
  /** minutes between synchronisations */
  synchronizeInterval: number | null
  /** only some firmware prints it */
  enabled?: boolean
  /** the address in use: the host name or the IP address, by `addressingFormatType`; '' when unset */
  server: string
}

export interface NtpServerInput {
  /** default `1`: terminals have one slot */
  id?: string
  /** a host name or an IPv4/IPv6 address */
  server: string
  /** default 123 */
  portNo?: number
  /** minutes, 1–10800; default 1440 (daily) */
  synchronizeInterval?: number
  enabled?: boolean
}

const ServerDoc = z.object({
  id: str,
  addressingFormatType: str.optional(),
  hostName: str.optional(),
  ipAddress: str.optional(),
  ipv6Address: str.optional(),
  portNo: str.optional(),
  synchronizeInterval: str.optional(),
  enabled: str.optional(),
})

const ListDoc = z.object({ NTPServer: list(ServerDoc) })

function itemPath(id: string): string {
  return `${LIST}/${id}`
}

const number = (value: string | undefined): number | null => {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null
  return Number.parseInt(value, 10)
}

function toServer(doc: z.output<typeof ServerDoc>): NtpServer {
  const format = (doc.addressingFormatType ?? 'hostname').trim()
  const ip = doc.ipAddress && doc.ipAddress !== '0.0.0.0' ? doc.ipAddress : doc.ipv6Address
  const server = (format.toLowerCase() === 'ipaddress' ? ip : doc.hostName) ?? ''
  const enabled = doc.enabled?.trim().toLowerCase()
  return {
    id: doc.id,
    addressingFormatType: format,
    ...(doc.hostName !== undefined ? { hostName: doc.hostName } : {}),
    ...(ip !== undefined ? { ipAddress: ip } : {}),
    portNo: number(doc.portNo),
    synchronizeInterval: number(doc.synchronizeInterval),
    ...(enabled === 'true' || enabled === 'false' ? { enabled: enabled === 'true' } : {}),
    server: server.trim(),
  }
}

function readList(parsed: Parsed, endpoint: string): NtpServer[] {
  if (parsed.kind === 'xml' && parsed.root === 'NTPServerList') {
    return validate(parsed.doc, endpoint, ListDoc).NTPServer.map(toServer)
  }
  if (parsed.kind === 'xml' && parsed.root === 'NTPServer') {
    return [toServer(validate(parsed.doc, endpoint, ServerDoc))]
  }
  throw deviceBadResponse(endpoint, 'expected XML <NTPServerList> or <NTPServer>')
}

/**
 * The device's NTP servers, or `null` when the model has none. The list path is the documented one
 * (HK-VALUE 13.1.6.4); the DS-K1A340FWX answers only `ntpServers/1` (research/isapi.md §2.4), so that is
 * asked when the list is absent. No device answer was captured for either: shapes follow the document.
 */
export async function getNtpServers(ch: Channel, call?: CallOptions): Promise<NtpServer[] | null> {
  const all = await readOptional(ch, LIST, call, (parsed) => readList(parsed, LIST))
  if (all !== null) return all
  const one = itemPath('1')
  return readOptional(ch, one, call, (parsed) => readList(parsed, one))
}

const HOST_NAME =
  /^(?=.{1,64}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/

/** The `<NTPServer>` element; validates the input first (the device's own limits). */
export function ntpServerXml(input: NtpServerInput, withNamespace = false): string {
  const id = input.id ?? '1'
  if (!/^\d{1,2}$/.test(id)) throw invalidInput('id', 'NTP slot id must be a small number')
  const server = input.server.trim()
  const ipVersion = isIP(server)
  if (ipVersion === 0 && !HOST_NAME.test(server)) {
    throw invalidInput('server', 'NTP server must be an IP address or a host name of at most 64 characters')
  }
  const port = input.portNo ?? 123
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw invalidInput('portNo', 'port must be 1–65535')
  const interval = input.synchronizeInterval ?? 1440
  if (!Number.isInteger(interval) || interval < NTP_INTERVAL_MIN || interval > NTP_INTERVAL_MAX) {
    throw invalidInput(
      'synchronizeInterval',
      `sync interval must be ${NTP_INTERVAL_MIN}–${NTP_INTERVAL_MAX} minutes`,
    )
  }
  const open = withNamespace ? `<NTPServer version="2.0" xmlns="${NAMESPACE}">` : '<NTPServer>'
  return (
    open +
    xmlElements([
      ['id', id],
      ['addressingFormatType', ipVersion === 0 ? 'hostname' : 'ipaddress'],
      ipVersion === 0 ? ['hostName', server] : [ipVersion === 6 ? 'ipv6Address' : 'ipAddress', server],
      ['portNo', port],
      ['synchronizeInterval', interval],
      ['enabled', input.enabled],
    ]) +
    '</NTPServer>'
  )
}

/**
 * Writes one NTP slot: `PUT ntpServers/<id>` (what the DS-K1A340FWX takes), or the whole list when the
 * model has no per-slot path. The answer is only the device's OK; read it back to know it was kept.
 */
export async function putNtpServer(ch: Channel, input: NtpServerInput, call?: CallOptions): Promise<void> {
  const id = input.id ?? '1'
  const item = '<?xml version="1.0" encoding="UTF-8"?>\n' + ntpServerXml(input, true)
  const whole =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<NTPServerList version="2.0" xmlns="${NAMESPACE}">${ntpServerXml(input)}</NTPServerList>`
  return ch.run('write', call, async (send) => {
    const path = itemPath(id)
    const answer = await put(send, path, item)
    if (answer.status !== 404 && answer.status !== 405) {
      try {
        readOk(answer, path)
        return
      } catch (error) {
        if (!isAbsent(error)) throw error
      }
    }
    readOk(await put(send, LIST, whole), LIST)
  })
}

function put(send: Send, path: string, xml: string) {
  return send({ method: 'PUT', path, body: Buffer.from(xml), contentType: 'application/xml' })
}
