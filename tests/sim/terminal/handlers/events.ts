import { asInt, asRecord, asString, refuse, type Handler } from '../context'
import { jsonResponse, parseJsonBody } from '../format'

export const searchEvents: Handler = (ctx) => {
  const doc = parseJsonBody(ctx.req.body)
  if (!doc) return refuse(ctx, 'badJsonFormat', 'AcsEventCond')
  const cond = asRecord(doc.AcsEventCond)
  if (!cond) return refuse(ctx, 'MessageParametersLack', 'AcsEventCond')
  const searchID = asString(cond.searchID)
  if (!searchID) return refuse(ctx, 'MessageParametersLack', 'searchID')
  const major = asInt(cond.major)
  // "MessageParametersLack: major" on the DS-K1T341AM
  if (major === undefined) return refuse(ctx, 'MessageParametersLack', 'major')
  const minor = asInt(cond.minor) ?? 0
  const maxResults = asInt(cond.maxResults)
  if (maxResults === undefined) return refuse(ctx, 'MessageParametersLack', 'maxResults')
  const position = asInt(cond.searchResultPosition) ?? 0
  const startTime = asString(cond.startTime)
  const endTime = asString(cond.endTime)
  if ((startTime || endTime) && ctx.profile.rejectsEventTimeRange)
    return refuse(ctx, 'badJsonContent', 'startTime')
  const from = startTime ? Date.parse(startTime) : Number.NEGATIVE_INFINITY
  const to = endTime ? Date.parse(endTime) : Number.POSITIVE_INFINITY
  if (Number.isNaN(from) || Number.isNaN(to)) return refuse(ctx, 'badJsonContent', 'startTime')
  const beginSerial = asInt(cond.beginSerialNo)
  const endSerial = asInt(cond.endSerialNo)
  // "this firmware rejects beginSerialNo without a matching endSerialNo"
  if ((beginSerial === undefined) !== (endSerial === undefined))
    return refuse(ctx, 'badJsonContent', 'endSerialNo')
  const employee = asString(cond.employeeNoString)
  const matching = ctx.state.events.filter((event) => {
    const time = Date.parse(String(event.time))
    const serial = asInt(event.serialNo) ?? 0
    return (
      (major === 0 || event.major === major) &&
      (minor === 0 || event.minor === minor) &&
      time >= from &&
      time <= to &&
      (beginSerial === undefined || (serial >= beginSerial && serial <= (endSerial ?? serial))) &&
      (!employee || event.employeeNoString === employee)
    )
  })
  if (cond.timeReverseOrder === true) matching.reverse()
  const page = matching.slice(position, position + Math.min(30, Math.max(1, maxResults)))
  const status = page.length === 0 ? 'NO MATCH' : position + page.length < matching.length ? 'MORE' : 'OK'
  return jsonResponse({
    AcsEvent: {
      searchID,
      totalMatches: matching.length,
      responseStatusStrg: status,
      numOfMatches: page.length,
      ...(page.length > 0 ? { InfoList: page } : {}),
    },
  })
}

export const countEvents: Handler = (ctx) => {
  const doc = parseJsonBody(ctx.req.body)
  if (!asRecord(doc?.AcsEventTotalNumCond))
    return refuse(ctx, 'MessageParametersLack', 'AcsEventTotalNumCond')
  return jsonResponse({ AcsEventTotalNum: { totalNum: ctx.state.events.length } })
}
