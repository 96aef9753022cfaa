import { DeviceUser, DeviceUsersPage, DeviceUsersQuery } from '../devices'
import type { RouteDeclaration } from './route'

export const listDeviceUsers = {
  method: 'GET',
  path: '/api/devices/:id/users',
  access: 'token',
  what: 'people on the device, a page at a time',
  status: 200,
  query: DeviceUsersQuery,
  answer: DeviceUsersPage,
} as const satisfies RouteDeclaration

export const readDeviceUser = {
  method: 'GET',
  path: '/api/devices/:id/users/:employeeNo',
  access: 'token',
  what: 'one person on the device',
  status: 200,
  answer: DeviceUser,
} as const satisfies RouteDeclaration

export const readDeviceUserFace = {
  method: 'GET',
  path: '/api/devices/:id/users/:employeeNo/face',
  access: 'token',
  what: "the person's face picture from the device",
  status: 200,
  format: '`image/jpeg`',
} as const satisfies RouteDeclaration

export const deleteDeviceUser = {
  method: 'DELETE',
  path: '/api/devices/:id/users/:employeeNo',
  access: 'admin',
  what: 'delete one person (and face) from the device',
  status: 204,
  audit: 'device-user.delete',
} as const satisfies RouteDeclaration

/** The device-users routes, in the order the API doc lists them. */
export const deviceUsersGroup = [
  listDeviceUsers,
  readDeviceUser,
  readDeviceUserFace,
  deleteDeviceUser,
] as const
