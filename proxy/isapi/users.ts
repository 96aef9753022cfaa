import { z } from 'zod'
import { jsonBody, type CallOptions, type Channel, type Send } from './channel'
import { invalidInput } from './errors'
import { readJson, readOk } from './parse'
import { bool, int, list, str, type SearchStatus } from './schemas'
import { MAX_PAGE, pageCounts, pageRequest, searchCounts, searchIdOf } from './search'

import { utf8Length } from './text'

export { cutToBytes } from './text'

/** Every person call is one resource under UserInfo, always asked for in JSON. */
const userInfo = (operation: string) => `/ISAPI/AccessControl/UserInfo/${operation}?format=json`
const COUNT = userInfo('Count')
const RECORD = userInfo('Record')
const MODIFY = userInfo('Modify')
const SETUP = userInfo('SetUp')
const SEARCH = userInfo('Search')
const DELETE = userInfo('Delete')

export interface UserValidity {
  enable: boolean
  /** `2020-01-01T00:00:00` for timeType local (no offset), with offset for UTC */
  beginTime: string
  endTime: string
  timeType?: 'local' | 'UTC'
}

/** A person as the proxy writes it. `name` is sent as given: cut it with `cutToBytes` first. */
export interface DeviceUserInput {
  employeeNo: string
  name: string
  userType?: 'normal' | 'visitor' | 'blackList'
  gender?: 'male' | 'female' | 'unknown'
  valid?: UserValidity
  /** doors this person may open, e.g. `"1"`; default door 1 */
  doorRight?: string
  /** default: door 1 on plan template 1 (always) */
  rightPlan?: Array<{ doorNo: number; planTemplateNo: string }>
  localUIRight?: boolean
  userVerifyMode?: string
}

/** A person as the device reports it; every member but employeeNo may be missing on some firmware. */
export interface DeviceUserRecord {
  employeeNo: string
  name: string
  userType?: string
  gender?: string
  valid?: { enable?: boolean; beginTime?: string; endTime?: string; timeType?: string }
  doorRight?: string
  numOfFace?: number
  numOfCard?: number
  numOfFP?: number
  /** the enrolment photo, only for people that have a face (newer firmware) */
  faceURL?: string
}

export interface UserCount {
  users: number
  /** persons with a face, on firmware that counts them */
  usersWithFace?: number
}

export interface UserSearchQuery {
  /** 0-based offset (`searchResultPosition`) */
  position?: number
  /** page size, at most 30 */
  max?: number
  /** look up these people only (at most 30) */
  employeeNos?: string[]
  /** the same id across pages of one scan lets the device keep its cursor */
  searchId?: string
  /** substring of name or number, where the firmware supports it */
  fuzzy?: string
}

export interface UserSearchPage {
  searchId: string
  status: SearchStatus
  /** `totalMatches` */
  total: number
  /** `numOfMatches`: people on this page */
  matches: number
  users: DeviceUserRecord[]
}

/** Permanent by default, inside the range every captured device accepts (2037-12-31 is what they write). */
const DEFAULT_VALIDITY: UserValidity = {
  enable: true,
  beginTime: '2020-01-01T00:00:00',
  endTime: '2037-12-31T23:59:59',
  timeType: 'local',
}

/** Non-empty, at most 32 bytes, no spaces or control characters (devices allow more, schools use digits). */
export function checkEmployeeNo(employeeNo: unknown, field = 'employeeNo'): string {
  if (typeof employeeNo !== 'string' || !/^[^\s\p{Cc}]+$/u.test(employeeNo) || utf8Length(employeeNo) > 32) {
    throw invalidInput(field, 'employeeNo must be 1–32 bytes without spaces')
  }
  return employeeNo
}

/** The `{"UserInfo": {…}}` document for Record, Modify and SetUp. */
export function userDocument(user: DeviceUserInput): { UserInfo: Record<string, unknown> } {
  checkEmployeeNo(user.employeeNo)
  if (typeof user.name !== 'string') throw invalidInput('name', 'name must be text')
  const valid = user.valid ?? DEFAULT_VALIDITY
  return {
    UserInfo: {
      employeeNo: user.employeeNo,
      name: user.name,
      userType: user.userType ?? 'normal',
      Valid: {
        enable: valid.enable,
        beginTime: valid.beginTime,
        endTime: valid.endTime,
        timeType: valid.timeType ?? 'local',
      },
      // Without door rights the person exists but is not let through.
      doorRight: user.doorRight ?? '1',
      RightPlan: user.rightPlan ?? [{ doorNo: 1, planTemplateNo: '1' }],
      ...(user.gender ? { gender: user.gender } : {}),
      ...(user.localUIRight !== undefined ? { localUIRight: user.localUIRight } : {}),
      ...(user.userVerifyMode ? { userVerifyMode: user.userVerifyMode } : {}),
    },
  }
}

const CountDoc = z.object({
  UserInfoCount: z.object({ userNumber: int, bindFaceUserNumber: int.optional() }),
})

export async function countUsers(ch: Channel, call?: CallOptions): Promise<UserCount> {
  return ch.run('read', call, async (send) => {
    const doc = readJson(await send({ method: 'GET', path: COUNT }), COUNT, CountDoc).UserInfoCount
    return {
      users: doc.userNumber,
      ...(doc.bindFaceUserNumber !== undefined ? { usersWithFace: doc.bindFaceUserNumber } : {}),
    }
  })
}

const UserRecordDoc = z.object({
  employeeNo: str,
  name: str.optional(),
  userType: str.optional(),
  gender: str.optional(),
  Valid: z
    .object({
      enable: bool.optional(),
      beginTime: str.optional(),
      endTime: str.optional(),
      timeType: str.optional(),
    })
    .partial()
    .optional(),
  doorRight: str.optional(),
  numOfFace: int.optional(),
  numOfCard: int.optional(),
  numOfFP: int.optional(),
  faceURL: str.optional(),
})

const SearchDoc = z.object({
  UserInfoSearch: z.object({
    searchID: str.optional(),
    ...searchCounts,
    UserInfo: list(UserRecordDoc),
  }),
})

export async function searchUsers(
  ch: Channel,
  query: UserSearchQuery = {},
  call?: CallOptions,
): Promise<UserSearchPage> {
  const page = pageRequest(query)
  const employeeNos = query.employeeNos?.map((no) => checkEmployeeNo(no, 'employeeNos'))
  if (employeeNos && employeeNos.length > MAX_PAGE) {
    throw invalidInput('employeeNos', `at most ${MAX_PAGE} people per search`)
  }
  const searchId = searchIdOf(query)
  const cond = {
    UserInfoSearchCond: {
      searchID: searchId,
      ...page,
      ...(employeeNos?.length ? { EmployeeNoList: employeeNos.map((employeeNo) => ({ employeeNo })) } : {}),
      ...(query.fuzzy ? { fuzzySearch: query.fuzzy } : {}),
    },
  }
  return ch.run('read', call, async (send) => {
    const answer = await send({ method: 'POST', path: SEARCH, ...jsonBody(cond) })
    const doc = readJson(answer, SEARCH, SearchDoc).UserInfoSearch
    const users = doc.responseStatusStrg === 'NO MATCH' ? [] : doc.UserInfo.map(toRecord)
    return { searchId: doc.searchID ?? searchId, ...pageCounts(doc, users.length), users }
  })
}

function toRecord(doc: z.output<typeof UserRecordDoc>): DeviceUserRecord {
  const record: DeviceUserRecord = { employeeNo: doc.employeeNo, name: doc.name ?? '' }
  if (doc.userType !== undefined) record.userType = doc.userType
  if (doc.gender !== undefined) record.gender = doc.gender
  if (doc.Valid !== undefined) record.valid = doc.Valid
  if (doc.doorRight !== undefined) record.doorRight = doc.doorRight
  if (doc.numOfFace !== undefined) record.numOfFace = doc.numOfFace
  if (doc.numOfCard !== undefined) record.numOfCard = doc.numOfCard
  if (doc.numOfFP !== undefined) record.numOfFP = doc.numOfFP
  if (doc.faceURL) record.faceURL = doc.faceURL
  return record
}

function writeUser(ch: Channel, method: 'POST' | 'PUT', path: string, document: unknown, call?: CallOptions) {
  return ch.run('write', call, async (send) => {
    readOk(await send({ method, path, ...jsonBody(document) }), path)
  })
}

/** `POST UserInfo/Record`: creates; the device refuses an existing employeeNo (`employeeNoAlreadyExist`). */
export async function addUser(ch: Channel, user: DeviceUserInput, call?: CallOptions): Promise<void> {
  return writeUser(ch, 'POST', RECORD, userDocument(user), call)
}

/** `PUT UserInfo/Modify`: changes an existing person (`employeeNoNotExist` otherwise). */
export async function modifyUser(ch: Channel, user: DeviceUserInput, call?: CallOptions): Promise<void> {
  return writeUser(ch, 'PUT', MODIFY, userDocument(user), call)
}

/** `PUT UserInfo/SetUp`: adds or changes; only where the capabilities list `setUp`. */
export async function setUpUser(ch: Channel, user: DeviceUserInput, call?: CallOptions): Promise<void> {
  return writeUser(ch, 'PUT', SETUP, userDocument(user), call)
}

/**
 * `PUT UserInfo/Delete` in batches of 30. A Delete without a non-empty `EmployeeNoList` makes a real
 * device delete every person it holds, so an empty or malformed list is refused here, before any packet.
 */
export async function deleteUsers(
  ch: Channel,
  employeeNos: readonly string[],
  call?: CallOptions,
): Promise<void> {
  if (!Array.isArray(employeeNos) || employeeNos.length === 0) {
    throw invalidInput(
      'employeeNos',
      'refusing to delete with an empty employee list: the device would delete everyone',
    )
  }
  const ids = [...new Set(employeeNos.map((no) => checkEmployeeNo(no, 'employeeNos')))]
  return ch.run('write', call, async (send) => {
    for (let i = 0; i < ids.length; i += MAX_PAGE) await deleteBatch(send, ids.slice(i, i + MAX_PAGE))
  })
}

async function deleteBatch(send: Send, ids: string[]): Promise<void> {
  const document = { UserInfoDelCond: { EmployeeNoList: ids.map((employeeNo) => ({ employeeNo })) } }
  readOk(await send({ method: 'PUT', path: DELETE, ...jsonBody(document) }), DELETE)
}
