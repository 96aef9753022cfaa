import { DeviceStatusList, DeviceStatusReport } from '../status'
import type { RouteDeclaration } from './route'

export const listDeviceStatus = {
  method: 'GET',
  path: '/api/devices/status',
  access: 'token',
  what: 'every device checked at once (cached 10 s; `?refresh=1` checks again)',
  status: 200,
  answer: DeviceStatusList,
} as const satisfies RouteDeclaration

export const streamDeviceStatus = {
  method: 'GET',
  path: '/api/devices/status/stream',
  access: 'token',
  what: 'every device checked at once, each report sent the moment it is ready as Server-Sent Events: event `status` (a DeviceStatusReport), then `done`; a device silent for 10 s is offline (`?refresh=1` as above)',
  status: 200,
  format: '`text/event-stream`',
} as const satisfies RouteDeclaration

export const readDeviceStatus = {
  method: 'GET',
  path: '/api/devices/:id/status',
  access: 'token',
  what: 'one device: online, counts, clock drift, webhook (`?refresh=1` as above)',
  status: 200,
  answer: DeviceStatusReport,
} as const satisfies RouteDeclaration

/** The device-status routes, in the order the API doc lists them. */
export const deviceStatusGroup = [listDeviceStatus, streamDeviceStatus, readDeviceStatus] as const
