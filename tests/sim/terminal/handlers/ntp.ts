import { asInt, asRecord, asString, refuse, type Handler, type HandlerContext } from '../context'
import { fixtureText } from '../fixture-files'
import { parseXmlBody, xmlDocument, xmlFields, xmlOk, xmlResponse, type SimResponse } from '../format'
import type { SimNtpServer } from '../state'

const K1A340 = 'access-terminals/ds-k1a340fwx_v1.2.7'

/** `GET /ISAPI/System/time/capabilities`: the K1A340 capture; a model without NTP offers manual only. */
export const timeCapabilities: Handler = (ctx) => {
  const xml = fixtureText(`${K1A340}/System.time.capabilities.xml`)
  return xmlResponse(ctx.profile.ntp === 'none' ? xml.replace('opt="NTP,manual"', 'opt="manual"') : xml)
}

/*
 * NTP slots. No device answer was captured; documents follow HK-VALUE 13.1.6.4 (`NTPServerList` /
 * `NTPServer`, research/isapi.md §2.4). Writes are checked the way the document bounds them.
 */

function serverXml(server: SimNtpServer): string {
  return (
    '<NTPServer>\n' +
    xmlFields({
      id: server.id,
      addressingFormatType: server.addressingFormatType,
      hostName: server.hostName,
      ipAddress: server.ipAddress,
      portNo: server.portNo,
      synchronizeInterval: server.synchronizeInterval,
    }) +
    '</NTPServer>\n'
  )
}

function slotId(ctx: HandlerContext): string | undefined {
  return /\/ntpServers\/(\d+)$/.exec(ctx.req.path)?.[1]
}

/** The K1A340 knows only the per-slot path; a model without NTP knows neither. */
function unsupported(ctx: HandlerContext, listPath: boolean): SimResponse | undefined {
  if (ctx.profile.ntp === 'none') return refuse(ctx, 'notSupport')
  if (listPath && ctx.profile.ntp === 'item-only') return refuse(ctx, 'invalidID', 'invalidID', 400)
  return undefined
}

export const getServers: Handler = (ctx) => {
  const refused = unsupported(ctx, true)
  if (refused) return refused
  return xmlResponse(xmlDocument('NTPServerList', ctx.state.ntpServers.map(serverXml).join('')))
}

export const getServer: Handler = (ctx) => {
  const refused = unsupported(ctx, false)
  if (refused) return refused
  const server = ctx.state.ntpServers.find((s) => s.id === slotId(ctx))
  if (!server) return refuse(ctx, 'invalidID', 'id', 400)
  return xmlResponse(
    xmlDocument('NTPServer', serverXml(server).replace(/^<NTPServer>\n|<\/NTPServer>\n$/g, '')),
  )
}

function readServer(ctx: HandlerContext, node: unknown): SimNtpServer | SimResponse {
  const doc = asRecord(node)
  if (!doc) return refuse(ctx, 'MessageParametersLack', 'NTPServer')
  const id = asString(doc.id)
  if (!id || !/^\d+$/.test(id)) return refuse(ctx, 'badXmlContent', 'id')
  const format = asString(doc.addressingFormatType) ?? 'hostname'
  if (!['hostname', 'ipaddress'].includes(format)) return refuse(ctx, 'badXmlContent', 'addressingFormatType')
  const hostName = asString(doc.hostName) ?? ''
  const ipAddress = asString(doc.ipAddress) ?? asString(doc.ipv6Address) ?? '0.0.0.0'
  if (format === 'hostname' && (hostName.length < 1 || hostName.length > 64))
    return refuse(ctx, 'badXmlContent', 'hostName')
  if (format === 'ipaddress' && ipAddress === '0.0.0.0') return refuse(ctx, 'badXmlContent', 'ipAddress')
  const portNo = asInt(doc.portNo) ?? 123
  if (portNo < 1 || portNo > 65535) return refuse(ctx, 'badXmlContent', 'portNo')
  const interval = asInt(doc.synchronizeInterval) ?? 1440
  if (interval < 1 || interval > 10_800) return refuse(ctx, 'badXmlContent', 'synchronizeInterval')
  return { id, addressingFormatType: format, hostName, ipAddress, portNo, synchronizeInterval: interval }
}

function store(ctx: HandlerContext, written: SimNtpServer[]): void {
  // replaced, never mutated in place: the 'not-applied' fault restores the list it saw before
  const next = ctx.state.ntpServers.filter((s) => !written.some((w) => w.id === s.id))
  ctx.state.ntpServers = [...next, ...written].sort((a, b) => Number(a.id) - Number(b.id))
}

export const putServers: Handler = (ctx) => {
  const refused = unsupported(ctx, true)
  if (refused) return refused
  const list = asRecord(parseXmlBody(ctx.req.body)?.NTPServerList)
  if (!list) return refuse(ctx, 'badXmlContent', 'NTPServerList')
  const items = Array.isArray(list.NTPServer) ? list.NTPServer : [list.NTPServer]
  const servers: SimNtpServer[] = []
  for (const item of items) {
    const server = readServer(ctx, item)
    if ('status' in server) return server
    servers.push(server)
  }
  store(ctx, servers)
  return xmlOk(ctx.req.path)
}

export const putServer: Handler = (ctx) => {
  const refused = unsupported(ctx, false)
  if (refused) return refused
  const server = readServer(ctx, parseXmlBody(ctx.req.body)?.NTPServer)
  if ('status' in server) return server
  if (server.id !== slotId(ctx)) return refuse(ctx, 'badXmlContent', 'id')
  store(ctx, [server])
  return xmlOk(ctx.req.path)
}
