import { asInt, asRecord, asString, refuse, type Handler, type HandlerContext } from '../context'
import { escapeXml, parseXmlBody, xmlOk, xmlResponse, type SimResponse } from '../format'
import type { SimHttpHost, SimSubscription } from '../state'

const NAMESPACE = 'http://www.isapi.org/ver20/XMLSchema'

function hostXml(host: SimHttpHost): string {
  const fields: Array<[string, string | number | undefined]> = [
    ['id', host.id],
    ['url', host.url],
    ['protocolType', host.protocolType],
    ['parameterFormatType', host.parameterFormatType],
    ['addressingFormatType', host.addressingFormatType],
    ['hostName', host.hostName],
    ['ipAddress', host.ipAddress],
    ['portNo', host.portNo],
    ['userName', host.userName],
    ['httpAuthenticationMethod', host.httpAuthenticationMethod],
  ]
  const inner = fields
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `    <${k}>${escapeXml(String(v))}</${k}>\n`)
    .join('')
  return `  <HttpHostNotification>\n${inner}${subscriptionXml(host.subscribeEvent)}  </HttpHostNotification>\n`
}

/** `SubscribeEvent` as the RELOJ slot printed it (heartbeat, eventMode, then the list in `list` mode). */
function subscriptionXml(sub: SimSubscription | undefined): string {
  if (!sub) return ''
  const events = sub.types.map((type) => `<Event><type>${escapeXml(type)}</type></Event>`).join('')
  return (
    `    <SubscribeEvent><heartbeat>${sub.heartbeat}</heartbeat><eventMode>${sub.eventMode}</eventMode>` +
    (sub.eventMode === 'list' ? `<EventList>${events}</EventList>` : '') +
    '</SubscribeEvent>\n'
  )
}

/** A written `SubscribeEvent`, checked against the types the model offers; undefined keeps the slot's own. */
function readSubscription(
  ctx: HandlerContext,
  node: unknown,
  current: SimSubscription | undefined,
): SimSubscription | SimResponse | undefined {
  const doc = asRecord(node)
  if (!doc || !ctx.profile.eventTypes) return current
  const mode = asString(doc.eventMode) ?? 'all'
  if (mode !== 'all' && mode !== 'list') return refuse(ctx, 'badXmlContent', 'eventMode')
  const heartbeat = asInt(doc.heartbeat) ?? current?.heartbeat ?? 30
  if (heartbeat < 1 || heartbeat > 30) return refuse(ctx, 'badXmlContent', 'heartbeat')
  const raw = asRecord(doc.EventList)?.Event
  const types = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((event) =>
    asString(asRecord(event)?.type),
  )
  for (const type of types) {
    if (!type || !ctx.profile.eventTypes.includes(type)) return refuse(ctx, 'badXmlContent', 'type')
  }
  return { heartbeat, eventMode: mode, types: mode === 'list' ? (types as string[]) : [] }
}

export const getHosts: Handler = (ctx) =>
  xmlResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<HttpHostNotificationList version="2.0" xmlns="${NAMESPACE}">\n` +
      ctx.state.httpHosts.map(hostXml).join('') +
      '</HttpHostNotificationList>\n',
  )

export const getHost: Handler = (ctx) => {
  const host = ctx.state.httpHosts.find((h) => h.id === slotId(ctx))
  if (!host) return refuse(ctx, 'invalidID', 'id', 400)
  return xmlResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
      hostXml(host).replace(
        '<HttpHostNotification>',
        `<HttpHostNotification version="2.0" xmlns="${NAMESPACE}">`,
      ),
  )
}

function slotId(ctx: HandlerContext): string | undefined {
  return /\/httpHosts\/(\d+)$/.exec(ctx.req.path)?.[1]
}

/** Reads one slot the way the K1A340 did: hostname addressing refused, a non-empty url not kept. */
function readHost(ctx: HandlerContext, node: Record<string, unknown>): SimHttpHost | SimResponse {
  const id = asString(node.id)
  const current = ctx.state.httpHosts.find((h) => h.id === id)
  if (!current) return refuse(ctx, 'invalidID', 'id', 400)
  const addressing = asString(node.addressingFormatType) ?? 'ipaddress'
  if (addressing === 'hostname' && !ctx.profile.acceptsHostname)
    return refuse(ctx, 'badXmlContent', 'ipAddress')
  const ipAddress = asString(node.ipAddress) ?? (addressing === 'ipaddress' ? undefined : '0.0.0.0')
  if (addressing === 'ipaddress' && (!ipAddress || !/^[0-9a-fA-F.:]+$/.test(ipAddress))) {
    return refuse(ctx, 'badXmlContent', 'ipAddress')
  }
  const portNo = asInt(node.portNo)
  if (portNo === undefined || portNo < 0 || portNo > 65535) return refuse(ctx, 'badXmlContent', 'portNo')
  const hostName = asString(node.hostName)
  const userName = asString(node.userName)
  const subscribeEvent = readSubscription(ctx, node.SubscribeEvent, current.subscribeEvent)
  if (subscribeEvent && 'status' in subscribeEvent) return subscribeEvent
  return {
    id: current.id,
    ...(subscribeEvent ? { subscribeEvent } : {}),
    url: ctx.profile.persistsHostUrl ? (asString(node.url) ?? '') : '',
    protocolType: asString(node.protocolType) ?? 'HTTP',
    parameterFormatType: asString(node.parameterFormatType) ?? 'XML',
    addressingFormatType: addressing,
    ipAddress: ipAddress ?? '0.0.0.0',
    ...(hostName ? { hostName } : {}),
    portNo,
    httpAuthenticationMethod: asString(node.httpAuthenticationMethod) ?? 'none',
    ...(userName ? { userName } : {}),
  }
}

function isResponse(value: SimHttpHost | SimResponse): value is SimResponse {
  return 'status' in value && 'body' in value
}

export const putHosts: Handler = (ctx) => {
  const list = asRecord(parseXmlBody(ctx.req.body)?.HttpHostNotificationList)
  if (!list) return refuse(ctx, 'badXmlContent', 'HttpHostNotificationList')
  const raw = list.HttpHostNotification
  const nodes = (Array.isArray(raw) ? raw : [raw]).map(asRecord)
  if (nodes.length === 0 || nodes.some((n) => !n)) return refuse(ctx, 'badXmlContent', 'HttpHostNotification')
  const hosts: SimHttpHost[] = []
  for (const node of nodes) {
    const host = readHost(ctx, node as Record<string, unknown>)
    if (isResponse(host)) return host
    hosts.push(host)
  }
  ctx.state.httpHosts = ctx.state.httpHosts.map(
    (slot) => hosts.find((h) => h.id === slot.id) ?? (ctx.httpHostsListReplaces ? unsetSlot(slot.id) : slot),
  )
  return xmlOk(ctx.req.path)
}

export const putHost: Handler = (ctx) => {
  const node = asRecord(parseXmlBody(ctx.req.body)?.HttpHostNotification)
  if (!node) return refuse(ctx, 'badXmlContent', 'HttpHostNotification')
  if (asString(node.id) !== slotId(ctx)) return refuse(ctx, 'badXmlContent', 'id')
  const host = readHost(ctx, node)
  if (isResponse(host)) return host
  ctx.state.httpHosts = ctx.state.httpHosts.map((slot) => (slot.id === host.id ? host : slot))
  return xmlOk(ctx.req.path)
}

/** Slots from a captured `HttpHostNotificationList`. */
export function hostsFromXml(xml: string): SimHttpHost[] {
  const list = asRecord(parseXmlBody(Buffer.from(xml))?.HttpHostNotificationList)
  const raw = list?.HttpHostNotification
  return (Array.isArray(raw) ? raw : [raw]).map((value) => {
    const node = asRecord(value) ?? {}
    return {
      id: asString(node.id) ?? '1',
      url: asString(node.url) ?? '',
      protocolType: asString(node.protocolType) ?? 'HTTP',
      parameterFormatType: asString(node.parameterFormatType) ?? 'XML',
      addressingFormatType: asString(node.addressingFormatType) ?? 'ipaddress',
      ipAddress: asString(node.ipAddress) ?? '0.0.0.0',
      portNo: asInt(node.portNo) ?? 0,
      httpAuthenticationMethod: asString(node.httpAuthenticationMethod) ?? 'none',
    }
  })
}

/** A slot nobody configured, as the devices list one. */
function unsetSlot(id: string): SimHttpHost {
  return {
    id,
    url: '',
    protocolType: 'HTTP',
    parameterFormatType: 'XML',
    addressingFormatType: 'ipaddress',
    ipAddress: '0.0.0.0',
    portNo: 0,
    httpAuthenticationMethod: 'none',
  }
}
