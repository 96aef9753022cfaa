import { z } from 'zod'
import { DeviceClock } from './status'
import { DeviceWebhook, ResultError } from './webhooks'

/**
 * Why a settings section is shown read-only without data: the model lacks the feature (its capabilities
 * say so, or it refused the endpoint as unsupported), or the device did not answer that part just now.
 */
export const SettingsUnavailableReason = z.enum(['not_supported', 'read_failed'])
export type SettingsUnavailableReason = z.infer<typeof SettingsUnavailableReason>

export const SettingsUnavailable = z.object({
  supported: z.literal(false),
  reason: SettingsUnavailableReason,
  /** a short English note for logs and support; the UI words the reason itself */
  detail: z.string(),
  /** for `read_failed`: what went wrong */
  error: ResultError.optional(),
})
export type SettingsUnavailable = z.infer<typeof SettingsUnavailable>

/** A section: its data with `supported: true`, or why there is none. */
function section<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion('supported', [
    z.object({ supported: z.literal(true), ...shape }),
    SettingsUnavailable,
  ])
}

/** One NTP server slot as the device keeps it. */
export const NtpServerView = z.object({
  id: z.string(),
  /** host name or IP address; '' when the slot is empty */
  server: z.string(),
  addressingFormatType: z.string(),
  portNo: z.number().nullable(),
  /** minutes between synchronisations, when the device says */
  synchronizeIntervalMin: z.number().nullable(),
})
export type NtpServerView = z.infer<typeof NtpServerView>

export const NtpSection = section({ servers: z.array(NtpServerView) })
export type NtpSection = z.infer<typeof NtpSection>

export const TimeSection = section({
  clock: DeviceClock,
  /** the modes the device offers (`NTP`, `manual`); empty when it does not say */
  timeModes: z.array(z.string()),
  ntp: NtpSection,
})
export type TimeSection = z.infer<typeof TimeSection>

export const NetworkPort = z.object({
  id: z.string(),
  addressingType: z.string().optional(),
  ipAddress: z.string().optional(),
  subnetMask: z.string().optional(),
  gateway: z.string().optional(),
  dns: z.array(z.string()),
  macAddress: z.string().optional(),
  speedMbps: z.number().optional(),
  mtu: z.number().optional(),
})
export type NetworkPort = z.infer<typeof NetworkPort>

export const NetworkSection = section({ interfaces: z.array(NetworkPort) })
export type NetworkSection = z.infer<typeof NetworkSection>

export const EventHostSection = section({ webhook: DeviceWebhook })
export type EventHostSection = z.infer<typeof EventHostSection>

export const FaceLibrarySection = section({
  faces: z.number(),
  /** how many faces fit, when the device says */
  capacity: z.number().nullable(),
  faceLibType: z.string(),
})
export type FaceLibrarySection = z.infer<typeof FaceLibrarySection>

export const DoorSection = section({
  /** doors the terminal drives (`electroLockNum`, 1 when it does not say) */
  doors: z.number(),
})
export type DoorSection = z.infer<typeof DoorSection>

const Used = z.object({ used: z.number().nullable(), max: z.number().nullable() })

/** `GET /api/devices/:id/settings`: everything the settings page shows, each part probed first. */
export const DeviceSettings = z.object({
  deviceId: z.string(),
  name: z.string(),
  checkedAt: z.string(),
  overview: z.object({
    model: z.string().nullable(),
    firmwareVersion: z.string().nullable(),
    firmwareReleasedDate: z.string().nullable(),
    serialNumber: z.string().nullable(),
    macAddress: z.string().nullable(),
    deviceType: z.string().nullable(),
    deviceName: z.string().nullable(),
  }),
  /** people and faces on the device against what fits */
  capacity: z.object({ users: Used, faces: Used }),
  time: TimeSection,
  network: NetworkSection,
  eventHost: EventHostSection,
  faceLibrary: FaceLibrarySection,
  door: DoorSection,
  /** the school's NTP server (SR_NTP_SERVER), offered as the default in the form; null when not set */
  schoolNtpServer: z.string().nullable(),
})
export type DeviceSettings = z.infer<typeof DeviceSettings>

/** `PUT /api/devices/:id/settings/ntp` */
export const NtpSettingsWrite = z.object({
  /** host name or IPv4/IPv6 address */
  server: z.string().trim().min(1).max(64),
  portNo: z.number().int().min(1).max(65535).default(123),
  /** minutes, 1–10800 (the device's range) */
  synchronizeIntervalMin: z.number().int().min(1).max(10_800).default(1440),
  /** NTP: the device follows the server; manual: the server is kept but the device keeps its own clock */
  timeMode: z.enum(['NTP', 'manual']).default('NTP'),
})
export type NtpSettingsWrite = z.input<typeof NtpSettingsWrite>

/** The device's NTP settings as read back after a write (a write is only answered when they match). */
export const NtpSettingsState = z.object({
  server: NtpServerView,
  timeMode: z.string(),
  timeZone: z.string(),
})
export type NtpSettingsState = z.infer<typeof NtpSettingsState>

export const NtpSettingsResult = z.object({
  /** read back from the device after the write */
  after: NtpSettingsState,
  /** the snapshot taken before the write (what an automatic restore would put back) */
  before: NtpSettingsState.nullable(),
  verified: z.literal(true),
})
export type NtpSettingsResult = z.infer<typeof NtpSettingsResult>

/** `POST /api/devices/:id/door/open`; the body may be empty (door 1). */
export const DoorOpenRequest = z.object({ doorId: z.number().int().min(1).max(65_535).default(1) })
export type DoorOpenRequest = z.input<typeof DoorOpenRequest>

export const DoorOpenResult = z.object({
  doorId: z.number(),
  command: z.literal('open'),
  /** the device answered OK */
  sent: z.literal(true),
  /** always false: a door cannot be read back, a person at the door confirms it */
  readBack: z.literal(false),
})
export type DoorOpenResult = z.infer<typeof DoorOpenResult>
