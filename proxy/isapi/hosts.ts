import { z } from 'zod'
import type { CallOptions, Channel } from './channel'
import { invalidInput } from './errors'
import { readOk, readXml } from './parse'
import { list, str } from './schemas'
import { xmlElements } from './xml'

const HOSTS = '/ISAPI/Event/notification/httpHosts'
const NAMESPACE = 'http://www.isapi.org/ver20/XMLSchema'

/** One HTTP listening slot: where the terminal posts its events. Terminals usually have 1–2 slots. */
export interface HttpHost {
  id: string
  /** path on the listener, e.g. `/webhook/…` */
  url: string
  protocolType: string
  /** format of the events the device posts: `JSON` or `XML` */
  parameterFormatType: string
  addressingFormatType: string
  ipAddress?: string
  hostName?: string
  portNo: number
  httpAuthenticationMethod: string
  userName?: string
}

export interface HttpHostInput {
  id: string
  url: string
  ipAddress?: string
  hostName?: string
  portNo: number
  protocolType?: 'HTTP' | 'HTTPS'
  parameterFormatType?: 'JSON' | 'XML'
  /** `none`, or Digest with a user name and password the listener checks */
  httpAuthenticationMethod?: 'none' | 'MD5digest'
  userName?: string
  password?: string
}

const HostDoc = z.object({
  id: str,
  url: str.optional(),
  protocolType: str.optional(),
  parameterFormatType: str.optional(),
  addressingFormatType: str.optional(),
  ipAddress: str.optional(),
  hostName: str.optional(),
  portNo: str.optional(),
  httpAuthenticationMethod: str.optional(),
  userName: str.optional(),
})

const ListDoc = z.object({ HttpHostNotification: list(HostDoc) })

/** `GET httpHosts` (XML only). */
export async function getHttpHosts(ch: Channel, call?: CallOptions): Promise<HttpHost[]> {
  return ch.run('read', call, async (send) => {
    const doc = readXml(
      await send({ method: 'GET', path: HOSTS }),
      HOSTS,
      'HttpHostNotificationList',
      ListDoc,
    )
    return doc.HttpHostNotification.map(toHost)
  })
}

function toHost(doc: z.output<typeof HostDoc>): HttpHost {
  const port = Number.parseInt(doc.portNo ?? '0', 10)
  return {
    id: doc.id,
    url: doc.url ?? '',
    protocolType: doc.protocolType ?? 'HTTP',
    parameterFormatType: doc.parameterFormatType ?? '',
    addressingFormatType: doc.addressingFormatType ?? 'ipaddress',
    ...(doc.ipAddress !== undefined ? { ipAddress: doc.ipAddress } : {}),
    ...(doc.hostName !== undefined ? { hostName: doc.hostName } : {}),
    portNo: Number.isNaN(port) ? 0 : port,
    httpAuthenticationMethod: doc.httpAuthenticationMethod ?? 'none',
    ...(doc.userName ? { userName: doc.userName } : {}),
  }
}

/** The `<HttpHostNotification>` element for one slot. */
export function hostXml(host: HttpHostInput, withNamespace = false): string {
  if (!/^\d{1,3}$/.test(host.id)) throw invalidInput('id', 'slot id must be a small number')
  if (!Number.isInteger(host.portNo) || host.portNo < 1 || host.portNo > 65535) {
    throw invalidInput('portNo', 'port must be 1–65535')
  }
  if (!host.ipAddress && !host.hostName) throw invalidInput('ipAddress', 'give an IP address or a host name')
  const auth = host.httpAuthenticationMethod ?? 'none'
  const open = withNamespace
    ? `<HttpHostNotification version="2.0" xmlns="${NAMESPACE}">`
    : '<HttpHostNotification>'
  return (
    open +
    xmlElements([
      ['id', host.id],
      ['url', host.url],
      ['protocolType', host.protocolType ?? 'HTTP'],
      ['parameterFormatType', host.parameterFormatType ?? 'JSON'],
      ['addressingFormatType', host.ipAddress ? 'ipaddress' : 'hostname'],
      [host.ipAddress ? 'ipAddress' : 'hostName', host.ipAddress ?? host.hostName],
      ['portNo', host.portNo],
      ...(auth === 'MD5digest'
        ? ([
            ['userName', host.userName],
            ['password', host.password],
          ] as const)
        : []),
      ['httpAuthenticationMethod', auth],
    ]) +
    '</HttpHostNotification>'
  )
}

/** `PUT httpHosts`: replaces the whole list of slots. */
export async function putHttpHosts(
  ch: Channel,
  hosts: readonly HttpHostInput[],
  call?: CallOptions,
): Promise<void> {
  if (hosts.length === 0) throw invalidInput('hosts', 'give at least one listening host')
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<HttpHostNotificationList version="2.0" xmlns="${NAMESPACE}">` +
    hosts.map((host) => hostXml(host)).join('') +
    '</HttpHostNotificationList>'
  return ch.run('write', call, async (send) => {
    readOk(
      await send({ method: 'PUT', path: HOSTS, body: Buffer.from(body), contentType: 'application/xml' }),
      HOSTS,
    )
  })
}

/** `PUT httpHosts/<id>`: writes one slot (what the DS-K1A340 accepted). */
export async function putHttpHost(ch: Channel, host: HttpHostInput, call?: CallOptions): Promise<void> {
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n' + hostXml(host, true)
  const path = `${HOSTS}/${host.id}`
  return ch.run('write', call, async (send) => {
    readOk(await send({ method: 'PUT', path, body: Buffer.from(body), contentType: 'application/xml' }), path)
  })
}
