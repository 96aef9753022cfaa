import type { AccessEvent } from '../../isapi'
import type { PushedAccessEvent } from '../../isapi/pushed-event'

/** An access event in the one shape the relay stores and the school server's webhook reads. */
export interface RelayedEvent {
  serialNo: number
  major: number
  minor: number
  dateTime: string
  employeeNo: string | null
  /** the notification as the server reads it: outer object with `AccessControllerEvent` inside */
  document: Record<string, unknown>
}

/**
 * The server keys an event by `deviceID:employeeNoString:dateTime:direction` and reads `deviceID` and
 * `dateTime` from the outer or the inner object: both carry them, so a push and the same event found by a
 * search later are the same event to it.
 */
export function fromPush(event: PushedAccessEvent, deviceID: string): RelayedEvent {
  const inner = { ...(event.document.AccessControllerEvent as Record<string, unknown>) }
  inner.deviceID = deviceID
  inner.dateTime = event.dateTime
  if (event.employeeNo) inner.employeeNoString = event.employeeNo
  return relayed(event, event.dateTime, { ...event.document, deviceID }, inner)
}

/** An event a search (`AcsEvent`) found, renamed to the push names (`time` → `dateTime`, …). */
export function fromSearch(event: AccessEvent & { serialNo: number }, deviceID: string): RelayedEvent {
  const inner: Record<string, unknown> = {
    deviceID,
    dateTime: event.time,
    majorEventType: event.major,
    subEventType: event.minor,
    serialNo: event.serialNo,
    currentEvent: false,
    ...(event.employeeNo ? { employeeNoString: event.employeeNo } : {}),
    ...(event.name ? { name: event.name } : {}),
    ...(event.doorNo !== undefined ? { doorNo: event.doorNo } : {}),
    ...(event.cardReaderNo !== undefined ? { cardReaderNo: event.cardReaderNo } : {}),
    ...(event.verifyMode ? { currentVerifyMode: event.verifyMode } : {}),
    ...(event.userType ? { userType: event.userType } : {}),
  }
  const outer = { deviceID, dateTime: event.time, eventType: 'AccessControllerEvent', eventState: 'active' }
  return relayed(event, event.time, outer, inner)
}

/** The stored event: its keys, and the notification with the outer object's `dateTime` set to the event's. */
function relayed(
  event: { serialNo: number; major: number; minor: number; employeeNo?: string },
  dateTime: string,
  outer: Record<string, unknown>,
  inner: Record<string, unknown>,
): RelayedEvent {
  return {
    serialNo: event.serialNo,
    major: event.major,
    minor: event.minor,
    dateTime,
    employeeNo: event.employeeNo ?? null,
    document: { ...outer, dateTime, AccessControllerEvent: inner },
  }
}

/**
 * Events the school server can use: access by a person (major 5 with an employee number). Door, alarm and
 * exception events are kept only to follow the terminal's serial numbers.
 */
export function isAttendance(event: RelayedEvent): boolean {
  return event.major === 5 && event.employeeNo !== null
}
