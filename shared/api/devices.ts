import { z } from 'zod'
import { plainName } from './plain-text'

export const Scheme = z.enum(['http', 'https'])

/** A device's id as a request names it: the proxy's ids are UUIDs, so anything longer is not one. */
export const DeviceRef = z.string().min(1).max(64)
export const Direction = z.enum(['in', 'out'])

/** A hostname or an IP literal; never a URL, never a path. Reachability rules live in the proxy. */
const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'host must be an IP address or a hostname')

export const DeviceCreate = z.object({
  name: plainName(1, 80),
  host: Host,
  port: z.number().int().min(1).max(65535).optional(),
  scheme: Scheme.optional(),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  backendId: z.string().trim().max(64).nullable().optional(),
  direction: Direction.optional(),
  /**
   * Let the proxy log in with Basic (the password sent readable over plain HTTP) if the device asks for
   * nothing else. Off unless the admin turns it on; asked again whenever the address changes, and dropped
   * once the device has used Digest.
   */
  allowBasic: z.boolean().optional(),
})
export type DeviceCreate = z.infer<typeof DeviceCreate>

export const DevicePatch = DeviceCreate.partial()
export type DevicePatch = z.infer<typeof DevicePatch>

export const Device = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  scheme: Scheme,
  username: z.string(),
  hasPassword: z.boolean(),
  /** the admin allowed a Basic login for this device (see DeviceCreate.allowBasic) */
  allowBasic: z.boolean().optional(),
  credentialsExpiresAt: z.string().nullable(),
  deviceId: z.string().nullable(),
  backendId: z.string().nullable(),
  direction: Direction.optional(),
  model: z.string().nullable().optional(),
  firmware: z.string().nullable().optional(),
  lastSeenAt: z.string().nullable().optional(),
})
export type Device = z.infer<typeof Device>

export const DeviceInfo = z.object({
  deviceName: z.string().optional(),
  deviceId: z.string().optional(),
  model: z.string().optional(),
  serialNumber: z.string().optional(),
  macAddress: z.string().optional(),
  firmwareVersion: z.string().optional(),
  firmwareReleasedDate: z.string().optional(),
  deviceType: z.string().optional(),
})
export type DeviceInfo = z.infer<typeof DeviceInfo>

export const DeviceTestResult = z.object({
  ok: z.literal(true),
  /** `none`: the device asked for no login at all (rare, misconfigured) */
  authScheme: z.enum(['digest', 'basic', 'none']),
  deviceInfo: DeviceInfo,
  latencyMs: z.number(),
  /** the registry entry after the test, with the serial, model and firmware it learned */
  device: Device.optional(),
})
export type DeviceTestResult = z.infer<typeof DeviceTestResult>

export const DeviceUser = z.object({
  employeeNo: z.string(),
  name: z.string(),
  gender: z.string().optional(),
  userType: z.string().optional(),
  validFrom: z.string().optional(),
  validTo: z.string().optional(),
  hasFace: z.boolean(),
})
export type DeviceUser = z.infer<typeof DeviceUser>

export const DeviceUsersPage = z.object({ total: z.number(), users: z.array(DeviceUser) })
export type DeviceUsersPage = z.infer<typeof DeviceUsersPage>

/** `GET /api/devices/:id/users?offset=&limit=&q=`: offset from 0, at most 100 a page, q = name or number part */
export const DeviceUsersQuery = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  q: z.string().trim().max(32).optional(),
})
export type DeviceUsersQuery = z.infer<typeof DeviceUsersQuery>

/** A person's number on a device as it may appear in a path: 1–32 characters, no spaces. */
export const DeviceEmployeeNo = z
  .string()
  .regex(/^[^\s/]{1,32}$/, 'employeeNo must be 1–32 characters without spaces')

export const DeviceStatus = z.object({
  online: z.boolean(),
  deviceInfo: DeviceInfo.optional(),
  userCount: z.number().nullable().optional(),
  faceCount: z.number().nullable().optional(),
  userCapacity: z.number().nullable().optional(),
  faceCapacity: z.number().nullable().optional(),
  timeDriftSec: z.number().nullable().optional(),
  webhookInSync: z.boolean().nullable().optional(),
  lastEventAt: z.string().nullable().optional(),
  checkedAt: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})
export type DeviceStatus = z.infer<typeof DeviceStatus>
