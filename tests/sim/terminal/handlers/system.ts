import { asRecord, asString, refuse, type Handler } from '../context'
import { fixtureText } from '../fixture-files'
import { jsonResponse, parseXmlBody, xmlDocument, xmlFields, xmlOk, xmlResponse } from '../format'
import { deviceNow, formatLocal, zoneOffsetMinutes } from '../state'

const K1A340 = 'access-terminals/ds-k1a340fwx_v1.2.7'

/** XML-only endpoints asked with `?format=json` still answer XML; some firmware labels it JSON. */
function xmlAnswer(ctx: Parameters<Handler>[0], xml: string) {
  const mislabel = ctx.profile.mislabelsXmlAsJson && ctx.req.query.get('format') === 'json'
  return xmlResponse(xml, 200, mislabel ? 'application/json' : 'application/xml; charset="UTF-8"')
}

export const deviceInfo: Handler = (ctx) => xmlAnswer(ctx, ctx.profile.deviceInfoXml)

export const deviceInfoJson: Handler = (ctx) => {
  const fields: Record<string, string> = {}
  for (const match of ctx.profile.deviceInfoXml.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) {
    if (match[1] && match[2] !== undefined) fields[match[1]] = match[2]
  }
  return jsonResponse({ DeviceInfo: fields })
}

export const getTime: Handler = (ctx) => {
  const offset = zoneOffsetMinutes(ctx.state.clock.timeZone)
  return xmlResponse(
    xmlDocument(
      'Time',
      xmlFields({
        timeMode: ctx.state.clock.timeMode,
        localTime: formatLocal(deviceNow(ctx.state, ctx.now()), offset),
        timeZone: ctx.state.clock.timeZone,
      }),
    ),
  )
}

export const putTime: Handler = (ctx) => {
  const doc = asRecord(parseXmlBody(ctx.req.body)?.Time)
  if (!doc) return refuse(ctx, 'badXmlContent', 'Time')
  const mode = asString(doc.timeMode) ?? ctx.state.clock.timeMode
  if (!['NTP', 'manual'].includes(mode)) return refuse(ctx, 'badXmlContent', 'timeMode')
  const zone = asString(doc.timeZone)
  if (zone !== undefined && !/^[A-Za-z]{3,}[+-]\d{1,2}(:\d{2}){0,2}/.test(zone))
    return refuse(ctx, 'badXmlContent', 'timeZone')
  const local = asString(doc.localTime)
  if (mode === 'manual') {
    const epoch = local ? Date.parse(local) : Number.NaN
    if (Number.isNaN(epoch)) return refuse(ctx, 'badXmlContent', 'localTime')
    ctx.state.clock = { ...ctx.state.clock, offsetMs: epoch - ctx.now() }
  }
  ctx.state.clock = { ...ctx.state.clock, timeMode: mode, ...(zone ? { timeZone: zone } : {}) }
  return xmlOk(ctx.req.path)
}

export const userCheck: Handler = () => xmlResponse(fixtureText(`${K1A340}/userCheck.200.xml`))
export const illegalLoginLock: Handler = () =>
  xmlResponse(fixtureText(`${K1A340}/Security.illegalLoginLock.xml`))
export const accessCapabilities: Handler = (ctx) => xmlAnswer(ctx, ctx.profile.accessCapsXml)
export const userCapabilities: Handler = (ctx) => jsonResponse(ctx.profile.userCaps)

export const faceCapabilities: Handler = (ctx) => {
  if (!ctx.profile.supportsFaces) return refuse(ctx, 'notSupport')
  // the K1A340 answered 404 when asked without ?format=json
  if (ctx.profile.faceCapsNeedFormatJson && ctx.req.query.get('format') !== 'json') return notFound
  return jsonResponse(ctx.profile.faceCaps)
}

/** `System/status` is "not exposed" on face terminals (404). */
export const notFound = xmlResponse(
  '<!DOCTYPE html><html><body>Document Error: Not Found</body></html>',
  404,
  'text/html',
)
