import { z } from 'zod'
import { Device, DeviceCreate, DevicePatch, DeviceTestResult } from '../devices'
import type { RouteDeclaration } from './route'

export const listDevices = {
  method: 'GET',
  path: '/api/devices',
  access: 'token',
  what: 'the device registry, no secrets',
  status: 200,
  answer: z.array(Device),
} as const satisfies RouteDeclaration

export const createDevice = {
  method: 'POST',
  path: '/api/devices',
  access: 'admin',
  what: 'add a device (its address must lie in `SR_DEVICE_NETS`)',
  status: 201,
  body: DeviceCreate,
  answer: Device,
  audit: 'device.create',
} as const satisfies RouteDeclaration

export const updateDevice = {
  method: 'PATCH',
  path: '/api/devices/:id',
  access: 'admin',
  what: 'change any field; a new password renews `credentialsExpiresAt`',
  status: 200,
  body: DevicePatch,
  answer: Device,
  audit: 'device.update',
} as const satisfies RouteDeclaration

export const deleteDevice = {
  method: 'DELETE',
  path: '/api/devices/:id',
  access: 'admin',
  what: 'remove from the registry; refused with `device_undo_pending` while a failed enrollment still owes an undo on it (`?finishFirst=1` finishes those first)',
  status: 204,
  audit: 'device.delete',
} as const satisfies RouteDeclaration

export const testDevice = {
  method: 'POST',
  path: '/api/devices/:id/test',
  access: 'token',
  what: 'connection test; stores the serial, model and firmware it reads. After a refused login it sends nothing with the same credentials until they change; `?force=1` (admin) tries once more',
  status: 200,
  answer: DeviceTestResult,
  audit: 'device.test',
} as const satisfies RouteDeclaration

/** The devices routes, in the order the API doc lists them. */
export const devicesGroup = [listDevices, createDevice, updateDevice, deleteDevice, testDevice] as const
