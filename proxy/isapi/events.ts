import { z } from 'zod'
import { jsonBody, type CallOptions, type Channel } from './channel'
import { invalidInput } from './errors'
import { readJson } from './parse'
import { int, list, str, type SearchStatus } from './schemas'
import { pageCounts, pageRequest, searchCounts, searchIdOf } from './search'

const ACS_EVENT = '/ISAPI/AccessControl/AcsEvent?format=json'

export interface EventSearchQuery {
  position?: number
  /** at most 30 */
  max?: number
  /** event class; 0 with minor 0 = everything (the device requires `major`) */
  major?: number
  minor?: number
  /** with offset, e.g. `2026-07-01T00:00:00+05:00` */
  startTime?: string
  endTime?: string
  /** serial window; firmware wants both ends or neither */
  beginSerialNo?: number
  endSerialNo?: number
  searchId?: string
  timeReverseOrder?: boolean
  employeeNo?: string
}

/** One access-control log entry (`AcsEvent.InfoList[]`); `serialNo` is the device's monotonic id. */
export interface AccessEvent {
  major: number
  minor: number
  time: string
  serialNo?: number
  employeeNo?: string
  name?: string
  doorNo?: number
  cardReaderNo?: number
  verifyMode?: string
  userType?: string
  pictureURL?: string
}

export interface EventSearchPage {
  searchId: string
  status: SearchStatus
  total: number
  matches: number
  events: AccessEvent[]
}

const EventDoc = z.object({
  major: int,
  minor: int,
  time: str,
  serialNo: int.optional(),
  employeeNoString: str.optional(),
  name: str.optional(),
  doorNo: int.optional(),
  cardReaderNo: int.optional(),
  currentVerifyMode: str.optional(),
  userType: str.optional(),
  pictureURL: str.optional(),
})

const SearchDoc = z.object({
  AcsEvent: z.object({
    searchID: str.optional(),
    ...searchCounts,
    InfoList: list(EventDoc),
  }),
})

/** `POST AcsEvent`: one page of the stored access log. */
export async function searchEvents(
  ch: Channel,
  query: EventSearchQuery = {},
  call?: CallOptions,
): Promise<EventSearchPage> {
  const page = pageRequest(query)
  if ((query.beginSerialNo === undefined) !== (query.endSerialNo === undefined)) {
    throw invalidInput('beginSerialNo', 'give both beginSerialNo and endSerialNo, or neither')
  }
  const searchId = searchIdOf(query)
  const cond = {
    AcsEventCond: {
      searchID: searchId,
      ...page,
      major: query.major ?? 0,
      minor: query.minor ?? 0,
      ...(query.startTime ? { startTime: query.startTime } : {}),
      ...(query.endTime ? { endTime: query.endTime } : {}),
      ...(query.beginSerialNo !== undefined
        ? { beginSerialNo: query.beginSerialNo, endSerialNo: query.endSerialNo }
        : {}),
      ...(query.timeReverseOrder !== undefined ? { timeReverseOrder: query.timeReverseOrder } : {}),
      ...(query.employeeNo ? { employeeNoString: query.employeeNo } : {}),
    },
  }
  return ch.run('read', call, async (send) => {
    const answer = await send({ method: 'POST', path: ACS_EVENT, ...jsonBody(cond) })
    const doc = readJson(answer, ACS_EVENT, SearchDoc).AcsEvent
    const events = doc.responseStatusStrg === 'NO MATCH' ? [] : doc.InfoList.map(toEvent)
    return { searchId: doc.searchID ?? searchId, ...pageCounts(doc, events.length), events }
  })
}

function toEvent(doc: z.output<typeof EventDoc>): AccessEvent {
  const event: AccessEvent = { major: doc.major, minor: doc.minor, time: doc.time }
  if (doc.serialNo !== undefined) event.serialNo = doc.serialNo
  if (doc.employeeNoString) event.employeeNo = doc.employeeNoString
  if (doc.name) event.name = doc.name
  if (doc.doorNo !== undefined) event.doorNo = doc.doorNo
  if (doc.cardReaderNo !== undefined) event.cardReaderNo = doc.cardReaderNo
  if (doc.currentVerifyMode) event.verifyMode = doc.currentVerifyMode
  if (doc.userType) event.userType = doc.userType
  if (doc.pictureURL) event.pictureURL = doc.pictureURL
  return event
}
