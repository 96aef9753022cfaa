import { DeviceClock, TimeSyncResult } from '../status'
import type { RouteDeclaration } from './route'

export const readDeviceClock = {
  method: 'GET',
  path: '/api/devices/:id/time',
  access: 'token',
  what: "the device clock against the proxy's, in `SR_TIMEZONE`",
  status: 200,
  answer: DeviceClock,
} as const satisfies RouteDeclaration

export const syncDeviceClock = {
  method: 'POST',
  path: '/api/devices/:id/time/sync',
  access: 'token',
  what: 'set the device clock; where `SR_NTP_SERVER` is set and the model has NTP, also write that server (read back, restored on mismatch) — `ntp` says what was done',
  status: 200,
  answer: TimeSyncResult,
  audit: 'device.time.sync',
} as const satisfies RouteDeclaration

/** The device-time routes, in the order the API doc lists them. */
export const deviceTimeGroup = [readDeviceClock, syncDeviceClock] as const
