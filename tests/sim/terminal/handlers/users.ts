import { asInt, asRecord, asString, refuse, type Handler, type HandlerContext } from '../context'
import { jsonOk, jsonResponse, parseJsonBody, type SimResponse } from '../format'
import { facePicturePath, newUser, type SimUser, type TerminalState } from '../state'

const PAGE_MAX = 30

export const countUsers: Handler = (ctx) => {
  const withFace = [...ctx.state.users.keys()].filter((no) => ctx.state.faces.has(no)).length
  return jsonResponse({
    UserInfoCount: {
      userNumber: ctx.state.users.size,
      ...(ctx.profile.recordStyle === 'k1t342' ? { bindFaceUserNumber: withFace } : {}),
    },
  })
}

/**
 * Reads `{"UserInfo": {…}}` the way the terminals validate it: the missing node is named in `errorMsg`
 * (`MessageParametersLack`), a bad value in `badJsonContent`.
 */
function readUser(ctx: HandlerContext, current?: SimUser): SimUser | SimResponse {
  const doc = parseJsonBody(ctx.req.body)
  if (!doc) return refuse(ctx, 'badJsonFormat', 'UserInfo')
  const info = asRecord(doc.UserInfo)
  if (!info) return refuse(ctx, 'MessageParametersLack', 'UserInfo')
  const employeeNo = asString(info.employeeNo)
  if (employeeNo === undefined) return refuse(ctx, 'MessageParametersLack', 'employeeNo')
  const bytes = Buffer.byteLength(employeeNo)
  if (bytes < 1 || bytes > 32 || (ctx.profile.employeeNoDigitsOnly && !/^\d+$/.test(employeeNo))) {
    return refuse(ctx, 'illegalEmployeeNo', 'employeeNo')
  }
  const base = current ?? newUser(employeeNo, '')
  const userType = asString(info.userType) ?? (current ? base.userType : undefined)
  if (userType === undefined) return refuse(ctx, 'MessageParametersLack', 'userType')
  if (!ctx.profile.userTypes.includes(userType)) return refuse(ctx, 'badJsonContent', 'userType')
  const name = info.name === undefined ? base.name : asString(info.name)
  if (name === undefined || Buffer.byteLength(name) > ctx.profile.nameMaxBytes)
    return refuse(ctx, 'badJsonContent', 'name')
  const valid = readValidity(ctx, info.Valid, current)
  if ('status' in valid) return valid
  const gender = info.gender === undefined ? base.gender : asString(info.gender)
  if (!gender || !['male', 'female', 'unknown'].includes(gender))
    return refuse(ctx, 'badJsonContent', 'gender')
  const rightPlan = Array.isArray(info.RightPlan)
    ? info.RightPlan.map((plan) => ({
        doorNo: asInt(asRecord(plan)?.doorNo) ?? 1,
        planTemplateNo: asString(asRecord(plan)?.planTemplateNo) ?? '1',
      }))
    : base.rightPlan
  return {
    ...base,
    employeeNo,
    name,
    userType,
    gender,
    valid,
    doorRight: asString(info.doorRight) ?? base.doorRight,
    rightPlan,
    localUIRight: typeof info.localUIRight === 'boolean' ? info.localUIRight : base.localUIRight,
    ...(asString(info.userVerifyMode) ? { userVerifyMode: asString(info.userVerifyMode) } : {}),
  }
}

const RANGE_BEGIN = '2000-01-01T00:00:00'
const RANGE_END = '2037-12-31T23:59:59'

function readValidity(
  ctx: HandlerContext,
  value: unknown,
  current?: SimUser,
): SimUser['valid'] | SimResponse {
  const valid = asRecord(value)
  if (!valid) return current ? current.valid : refuse(ctx, 'MessageParametersLack', 'Valid')
  const beginTime = asString(valid.beginTime)
  const endTime = asString(valid.endTime)
  if (!beginTime || !endTime) return refuse(ctx, 'MessageParametersLack', 'beginTime and endTime')
  const hasOffset = (t: string) => /([+-]\d{2}:\d{2}|Z)$/.test(t)
  const inRange = (t: string) => t.slice(0, 19) >= RANGE_BEGIN && t.slice(0, 19) <= RANGE_END
  if (!inRange(beginTime) || !inRange(endTime) || beginTime.slice(0, 19) > endTime.slice(0, 19)) {
    return refuse(ctx, 'badJsonContent', 'beginTime and endTime')
  }
  if (ctx.profile.validityNeedsOffset && (!hasOffset(beginTime) || !hasOffset(endTime))) {
    return refuse(ctx, 'badJsonContent', 'beginTime and endTime')
  }
  return {
    enable: valid.enable !== false && valid.enable !== 'false',
    beginTime,
    endTime,
    // devices read a UTC-with-offset validity back as local time
    timeType: 'local',
  }
}

function isResponse(value: SimUser | SimResponse): value is SimResponse {
  return 'status' in value && 'body' in value
}

function add(ctx: HandlerContext, user: SimUser): SimResponse | undefined {
  if (ctx.state.users.size >= ctx.capacity.users) return refuse(ctx, 'deviceUserFull', 'UserInfo')
  ctx.state.users.set(user.employeeNo, user)
  return undefined
}

export const recordUser: Handler = (ctx) => {
  const user = readUser(ctx)
  if (isResponse(user)) return user
  if (ctx.state.users.has(user.employeeNo)) return refuse(ctx, 'employeeNoAlreadyExist', 'checkUser')
  return add(ctx, user) ?? jsonOk()
}

export const modifyUser: Handler = (ctx) => {
  const employeeNo = asString(asRecord(parseJsonBody(ctx.req.body)?.UserInfo)?.employeeNo)
  const current = employeeNo !== undefined ? ctx.state.users.get(employeeNo) : undefined
  const addIfMissing = asRecord(parseJsonBody(ctx.req.body)?.UserInfo)?.addUser === true
  const user = readUser(ctx, current)
  if (isResponse(user)) return user
  if (!current && !addIfMissing) return refuse(ctx, 'employeeNoNotExist', 'employeeNo')
  if (!current) return add(ctx, user) ?? jsonOk()
  ctx.state.users.set(user.employeeNo, user)
  return jsonOk()
}

export const setUpUser: Handler = (ctx) => {
  const employeeNo = asString(asRecord(parseJsonBody(ctx.req.body)?.UserInfo)?.employeeNo)
  const current = employeeNo !== undefined ? ctx.state.users.get(employeeNo) : undefined
  const user = readUser(ctx, current)
  if (isResponse(user)) return user
  if (!current) return add(ctx, user) ?? jsonOk()
  ctx.state.users.set(user.employeeNo, user)
  return jsonOk()
}

/**
 * Faithful to the documented danger: a Delete whose `EmployeeNoList` is missing, null or empty deletes
 * every person on the device (HK-ACP: "if this node does not exist or is set to NULL, it indicates
 * deleting all person information").
 */
export const deleteUsers: Handler = (ctx) => {
  const doc = parseJsonBody(ctx.req.body)
  if (!doc) return refuse(ctx, 'badJsonFormat', 'UserInfoDelCond')
  const cond = asRecord(doc.UserInfoDelCond)
  if (!cond) return refuse(ctx, 'MessageParametersLack', 'UserInfoDelCond')
  const list = Array.isArray(cond.EmployeeNoList) ? cond.EmployeeNoList : []
  if (list.length > PAGE_MAX) return refuse(ctx, 'badJsonContent', 'EmployeeNoList')
  const ids = list.map((item) => asString(asRecord(item)?.employeeNo)).filter((id): id is string => !!id)
  if (ids.length === 0) {
    ctx.state.users.clear()
    ctx.state.faces.clear()
    return jsonOk()
  }
  for (const id of ids) {
    ctx.state.users.delete(id)
    ctx.state.faces.delete(id)
  }
  return jsonOk()
}

export const searchUsers: Handler = (ctx) => {
  const doc = parseJsonBody(ctx.req.body)
  if (!doc) return refuse(ctx, 'badJsonFormat', 'UserInfoSearchCond')
  const cond = asRecord(doc.UserInfoSearchCond)
  if (!cond) return refuse(ctx, 'MessageParametersLack', 'UserInfoSearchCond')
  const searchID = asString(cond.searchID)
  if (!searchID) return refuse(ctx, 'MessageParametersLack', 'searchID')
  const maxResults = asInt(cond.maxResults)
  if (maxResults === undefined) return refuse(ctx, 'MessageParametersLack', 'maxResults')
  const position = asInt(cond.searchResultPosition) ?? 0
  if (position < 0 || maxResults < 1) return refuse(ctx, 'badJsonContent', 'searchResultPosition')
  const wanted = Array.isArray(cond.EmployeeNoList)
    ? cond.EmployeeNoList.map((item) => asString(asRecord(item)?.employeeNo)).filter(
        (id): id is string => !!id,
      )
    : []
  if (wanted.length > PAGE_MAX) return refuse(ctx, 'badJsonContent', 'EmployeeNoList')
  const fuzzy = asString(cond.fuzzySearch)?.toLowerCase()
  const all = [...ctx.state.users.values()]
  const matching = all.filter(
    (u) =>
      (wanted.length === 0 || wanted.includes(u.employeeNo)) &&
      (!fuzzy || u.name.toLowerCase().includes(fuzzy) || u.employeeNo.includes(fuzzy)),
  )
  // larger pages are silently clamped, as on the real devices
  const page = matching.slice(position, position + Math.min(maxResults, PAGE_MAX))
  const status = page.length === 0 ? 'NO MATCH' : position + page.length < matching.length ? 'MORE' : 'OK'
  return jsonResponse({
    UserInfoSearch: {
      searchID,
      responseStatusStrg: status,
      numOfMatches: page.length,
      totalMatches: matching.length,
      // NO MATCH carries no UserInfo member at all
      ...(page.length > 0 ? { UserInfo: page.map((u) => record(ctx, u, all.indexOf(u))) } : {}),
    },
  })
}

function record(ctx: HandlerContext, user: SimUser, index: number): Record<string, unknown> {
  const face = ctx.state.faces.get(user.employeeNo)
  const common = {
    employeeNo: user.employeeNo,
    name: user.name,
    userType: user.userType,
  }
  const rest = {
    closeDelayEnabled: false,
    Valid: user.valid,
    belongGroup: '',
    password: '',
    doorRight: user.doorRight,
    RightPlan: user.rightPlan,
    maxOpenDoorTime: 0,
    openDoorTime: 0,
    roomNumber: 0,
    floorNumber: 0,
    localUIRight: user.localUIRight,
    gender: user.gender,
    ...(user.userVerifyMode ? { userVerifyMode: user.userVerifyMode } : {}),
    numOfCard: 0,
  }
  switch (ctx.profile.recordStyle) {
    case 'k1t342':
      return {
        ...common,
        sortByNamePosition: index,
        sortByNameFlag: '#',
        ...rest,
        numOfFace: face ? 1 : 0,
        PersonInfoExtends: [{ value: '' }],
        ...(face && ctx.profile.faceUrlInSearch ? { faceURL: `${ctx.origin}${facePicturePath(face)}` } : {}),
      }
    case 'k1a340':
      return {
        ...common,
        ...rest,
        numOfFP: 0,
        numOfFace: face ? 1 : 0,
        groupId: 1,
        localAtndPlanTemplateId: 0,
      }
    case 'kv6124':
      return { ...common, ...rest, numOfFace: face ? 1 : 0 }
  }
}

export function userExists(state: TerminalState, employeeNo: string): boolean {
  return state.users.has(employeeNo)
}
