export { createIsapiClient, DEFAULT_TIMEOUTS } from './client'
export { SerialQueue } from './queue'
export type { IsapiClient, IsapiClientOptions, IsapiTarget, IsapiTimeouts } from './client'
export type { CallOptions } from './channel'
export type { AuthScheme, LoginBudget, TransportStats } from './transport'
export {
  DEFAULT_NAME_MAX_BYTES,
  formatDeviceTime,
  nameByteLimit,
  posixTimeZone,
  utcOffsetFromPosix,
} from './system'
export type {
  AccessControlCaps,
  DeviceCapabilities,
  DeviceInfoResult,
  DeviceTime,
  FaceCaps,
  SetTimeInput,
  UserCaps,
} from './system'
export { cutToBytes, utf8Length } from './text'
export { MAX_PAGE } from './search'
export type {
  DeviceUserInput,
  DeviceUserRecord,
  UserCount,
  UserSearchPage,
  UserSearchQuery,
  UserValidity,
} from './users'
export { facePath } from './faces'
export type { FaceOptions, FaceRecord, FaceSearchPage, FaceSearchQuery } from './faces'
export type { HttpHost, HttpHostInput } from './hosts'
export type { AccessEvent, EventSearchPage, EventSearchQuery } from './events'
export { isAbsent } from './capabilities'
export type { SystemCapabilities, TimeCapabilities } from './capabilities'
export { NTP_INTERVAL_MAX, NTP_INTERVAL_MIN, ntpServerXml } from './ntp'
export type { NtpServer, NtpServerInput } from './ntp'
export { ipv4Of, withIpv4 } from './network'
export type { Ipv4Settings, NetworkInterface } from './network'
export { checkResourcePath, parseResourceText, serializeResource } from './resource'
export type { ResourceDoc } from './resource'
export type { FaceLibraryCount } from './counts'
export { DOOR_COMMANDS } from './door'
export type { DoorCommand } from './door'
