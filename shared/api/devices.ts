import { z } from 'zod'

export const Scheme = z.enum(['http', 'https'])
export const Direction = z.enum(['in', 'out'])

/** A hostname or an IP literal; never a URL, never a path. Reachability rules live in the proxy. */
const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'host must be an IP address or a hostname')

export const DeviceCreate = z.object({
  name: z.string().trim().min(1).max(80),
  host: Host,
  port: z.number().int().min(1).max(65535).optional(),
  scheme: Scheme.optional(),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  backendId: z.string().trim().max(64).nullable().optional(),
  direction: Direction.optional(),
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
  authScheme: z.enum(['digest', 'basic']),
  deviceInfo: DeviceInfo,
  latencyMs: z.number(),
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
