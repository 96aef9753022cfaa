import {
  DeviceSettings,
  DoorOpenRequest,
  DoorOpenResult,
  ExpertDocument,
  ExpertResourceList,
  ExpertWrite,
  ExpertWriteResult,
  FieldsWrite,
  FieldsWriteResult,
  NetworkWrite,
  NetworkWriteResult,
  NtpSettingsResult,
  NtpSettingsWrite,
} from '../device-settings'
import type { RouteDeclaration } from './route'

export const readDeviceSettings = {
  method: 'GET',
  path: '/api/devices/:id/settings',
  access: 'admin',
  what: 'the settings page: overview, capacity, time and NTP, network (read-only), event host, face library, door — each probed by capability, `supported:false` with a reason where the model lacks it',
  status: 200,
  answer: DeviceSettings,
} as const satisfies RouteDeclaration

export const writeNtpSettings = {
  method: 'PUT',
  path: '/api/devices/:id/settings/ntp',
  access: 'admin',
  what: 'write the NTP server, interval and time mode: snapshot, write, read back; on a mismatch the snapshot is put back and the answer is `device_not_applied`',
  status: 200,
  body: NtpSettingsWrite,
  answer: NtpSettingsResult,
  audit: 'device.settings.ntp',
} as const satisfies RouteDeclaration

export const writeNetworkSettings = {
  method: 'PUT',
  path: '/api/devices/:id/settings/network',
  access: 'admin',
  what: "write a port's IPv4 settings (address, mask, gateway, DNS, DHCP), checked first (SR_DEVICE_NETS, not another terminal's address, gateway in the subnet); the proxy then looks for the same serial at the new address for SR_DEVICE_MOVE_WAIT_SEC and moves the registry; a terminal not found there is `device_lost_after_move` (the registry keeps the old address)",
  status: 200,
  body: NetworkWrite,
  answer: NetworkWriteResult,
  audit: 'device.settings.network',
} as const satisfies RouteDeclaration

export const writeDoorSettings = {
  method: 'PUT',
  path: '/api/devices/:id/settings/door',
  access: 'admin',
  what: 'write door open duration, magnetic contact and verification mode where the model has them: snapshot, write, read back, restore on a mismatch (`device_not_applied`)',
  status: 200,
  body: FieldsWrite,
  answer: FieldsWriteResult,
  audit: 'device.settings.door',
} as const satisfies RouteDeclaration

export const writeFaceSettings = {
  method: 'PUT',
  path: '/api/devices/:id/settings/face',
  access: 'admin',
  what: 'write face match thresholds and liveness within the ranges the capability document gives: snapshot, write, read back, restore on a mismatch',
  status: 200,
  body: FieldsWrite,
  answer: FieldsWriteResult,
  audit: 'device.settings.face',
} as const satisfies RouteDeclaration

export const writeEventSettings = {
  method: 'PUT',
  path: '/api/devices/:id/settings/events',
  access: 'admin',
  what: 'choose which notifications the terminal posts to its event host (only types its capability document lists): snapshot, write, read back, restore on a mismatch',
  status: 200,
  body: FieldsWrite,
  answer: FieldsWriteResult,
  audit: 'device.settings.events',
} as const satisfies RouteDeclaration

export const listExpertResources = {
  method: 'GET',
  path: '/api/devices/:id/settings/expert',
  access: 'admin',
  what: 'the ISAPI resources the expert editor may open on this device: those its capability documents list',
  status: 200,
  answer: ExpertResourceList,
} as const satisfies RouteDeclaration

export const readExpertDocument = {
  method: 'GET',
  path: '/api/devices/:id/settings/expert/document',
  access: 'admin',
  what: 'one listed resource as the device keeps it (`?path=/ISAPI/…`), as JSON or XML text',
  status: 200,
  answer: ExpertDocument,
} as const satisfies RouteDeclaration

export const writeExpertDocument = {
  method: 'PUT',
  path: '/api/devices/:id/settings/expert',
  access: 'admin',
  what: 'write an edited listed resource: snapshot, write, read back, restore on a mismatch; only paths the device lists, under /ISAPI/, to the device itself',
  status: 200,
  body: ExpertWrite,
  answer: ExpertWriteResult,
  audit: 'device.settings.expert',
} as const satisfies RouteDeclaration

export const openDoor = {
  method: 'POST',
  path: '/api/devices/:id/door/open',
  access: 'admin',
  what: 'remote-open test of a door (body optional, door 1); a door cannot be read back, a person confirms it',
  status: 200,
  body: DoorOpenRequest,
  answer: DoorOpenResult,
  audit: 'device.door.open',
} as const satisfies RouteDeclaration

/** The device-settings routes, in the order the API doc lists them. */
export const deviceSettingsGroup = [
  readDeviceSettings,
  writeNtpSettings,
  writeNetworkSettings,
  writeDoorSettings,
  writeFaceSettings,
  writeEventSettings,
  listExpertResources,
  readExpertDocument,
  writeExpertDocument,
  openDoor,
] as const
