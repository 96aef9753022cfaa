import { asRecord, asString, refuse, type Handler, type HandlerContext } from '../context'
import {
  jsonOk,
  jsonResponse,
  parseJsonBody,
  parseXmlBody,
  xmlDocument,
  xmlFields,
  xmlOk,
  xmlResponse,
} from '../format'

/*
 * Door, card-reader (face recognition) and event-subscription settings. Where each answer comes from is said
 * in profiles.ts (DOOR_PARAM, cardReader) and fixtures/README.md (the K1A340 CardReaderCfg capture).
 */

/** `GET /ISAPI/AccessControl/Door/param/1` (XML `DoorParam`). */
export const getDoorParam: Handler = (ctx) => {
  if (!ctx.state.doorParam) return refuse(ctx, 'notSupport')
  if (!/\/param\/1$/.test(ctx.req.path)) return refuse(ctx, 'invalidID', 'doorID', 400)
  return xmlResponse(xmlDocument('DoorParam', xmlFields(ctx.state.doorParam)))
}

/** `Door/param/1/capabilities`: ranges as HK-VALUE gives them (reconstructed, no capture). */
export const doorParamCapabilities: Handler = (ctx) => {
  if (!ctx.state.doorParam) return refuse(ctx, 'notSupport')
  return xmlResponse(
    xmlDocument(
      'DoorParam',
      `<doorName min="1" max="32"/>
<magneticType opt="alwaysClose,alwaysOpen"/>
<openButtonType opt="alwaysClose,alwaysOpen"/>
<openDuration min="1" max="255"/>
<disabledOpenDuration min="1" max="255"/>
<magneticAlarmTimeout min="0" max="255"/>
<enableDoorLock opt="true,false"/>
<enableLeaderCard opt="true,false"/>
`,
    ),
  )
}

const DOOR_RANGES: Record<string, [number, number]> = {
  openDuration: [1, 255],
  disabledOpenDuration: [1, 255],
  magneticAlarmTimeout: [0, 255],
}
const DOOR_OPTIONS: Record<string, string[]> = {
  magneticType: ['alwaysClose', 'alwaysOpen'],
  openButtonType: ['alwaysClose', 'alwaysOpen'],
  enableDoorLock: ['true', 'false'],
  enableLeaderCard: ['true', 'false'],
}

/** `PUT Door/param/1`: each member checked against the capability ranges; unknown members refused. */
export const putDoorParam: Handler = (ctx) => {
  if (!ctx.state.doorParam) return refuse(ctx, 'notSupport')
  const doc = asRecord(parseXmlBody(ctx.req.body)?.DoorParam)
  if (!doc) return refuse(ctx, 'badXmlContent', 'DoorParam')
  const next = { ...ctx.state.doorParam }
  for (const [name, raw] of Object.entries(doc)) {
    const value = asString(raw)
    if (!(name in next) || value === undefined) return refuse(ctx, 'badXmlContent', name)
    const range = DOOR_RANGES[name]
    if (range && (!/^\d+$/.test(value) || Number(value) < range[0] || Number(value) > range[1]))
      return refuse(ctx, 'badXmlContent', name)
    const options = DOOR_OPTIONS[name]
    if (options && !options.includes(value)) return refuse(ctx, 'badXmlContent', name)
    next[name] = value
  }
  ctx.state.doorParam = next
  return xmlOk(ctx.req.path)
}

/** `GET CardReaderCfg/1?format=json` (the K1A340 capture); reader 2 exists on it too, with no functions. */
export const getCardReader: Handler = (ctx) => {
  if (!ctx.state.cardReader) return refuse(ctx, 'notSupport')
  if (!/\/CardReaderCfg\/1$/.test(ctx.req.path)) return refuse(ctx, 'invalidID', 'cardReaderNo', 400)
  return jsonResponse({ CardReaderCfg: ctx.state.cardReader })
}

export const cardReaderCapabilities: Handler = (ctx) => {
  if (!ctx.profile.cardReader) return refuse(ctx, 'notSupport')
  return jsonResponse({ CardReaderCfg: ctx.profile.cardReader.caps })
}

function optionsOf(cap: unknown): string[] | undefined {
  const opt = typeof cap === 'string' ? cap : asString(asRecord(cap)?.['@opt'])
  return opt?.split(',').map((item) => item.trim())
}

/** Checks one CardReaderCfg member against the capability document: ranges, options, booleans. */
function badMember(ctx: HandlerContext, name: string, value: unknown): boolean {
  const current = ctx.state.cardReader?.[name]
  if (current === undefined) return true
  const cap = ctx.profile.cardReader?.caps[name]
  const range = asRecord(cap)
  if (typeof current === 'number') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return true
    const min = range?.['@min']
    const max = range?.['@max']
    return (typeof min === 'number' && value < min) || (typeof max === 'number' && value > max)
  }
  if (typeof current === 'boolean') return typeof value !== 'boolean'
  if (typeof current === 'string') {
    const options = optionsOf(cap)
    return typeof value !== 'string' || (options !== undefined && !options.includes(value))
  }
  return false
}

/** `PUT CardReaderCfg/1?format=json`: members the device lacks or values off its ranges are refused. */
export const putCardReader: Handler = (ctx) => {
  if (!ctx.state.cardReader) return refuse(ctx, 'notSupport')
  const doc = asRecord(parseJsonBody(ctx.req.body)?.CardReaderCfg)
  if (!doc) return refuse(ctx, 'badJsonContent', 'CardReaderCfg')
  for (const [name, value] of Object.entries(doc)) {
    if (badMember(ctx, name, value)) return refuse(ctx, 'badJsonContent', name)
  }
  ctx.state.cardReader = { ...ctx.state.cardReader, ...doc }
  return jsonOk()
}

/** `FaceRecognizeMode?format=json` (the K1A340 capture): one mode, `normalMode`. */
export const getFaceRecognizeMode: Handler = (ctx) => {
  if (!ctx.state.faceRecognizeMode) return refuse(ctx, 'notSupport')
  return jsonResponse({ FaceRecognizeMode: ctx.state.faceRecognizeMode })
}

export const putFaceRecognizeMode: Handler = (ctx) => {
  if (!ctx.state.faceRecognizeMode) return refuse(ctx, 'notSupport')
  const mode = asString(asRecord(parseJsonBody(ctx.req.body)?.FaceRecognizeMode)?.mode)
  if (mode !== 'normalMode') return refuse(ctx, 'badJsonContent', 'mode')
  ctx.state.faceRecognizeMode = { mode }
  return jsonOk()
}

/**
 * `GET /ISAPI/Event/notification/httpHosts/capabilities`: the RELOJ capture's members (hostNumber 2, url 128,
 * heartbeat 1–30) with the event types this model subscribes to; notSupport where the profile says so.
 */
export const hostCapabilities: Handler = (ctx) => {
  if (!ctx.profile.eventTypes) return refuse(ctx, 'notSupport')
  return xmlResponse(
    xmlDocument(
      'HttpHostNotificationCap',
      `<hostNumber>${ctx.state.httpHosts.length}</hostNumber>
<urlLen max="128"/>
<protocolType opt="HTTP,HTTPS,EHome"/>
<addressingFormatType opt="ipaddress,hostname"/>
<httpAuthenticationMethod opt="MD5digest,none,basic"/>
<SubscribeEventCap>
<heartbeat min="1" max="30"/>
<eventMode opt="all,list"/>
<EventList><Event><type opt="${ctx.profile.eventTypes.join(',')}"/></Event></EventList>
</SubscribeEventCap>
`,
    ),
  )
}
